package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionsTest {
  final Regions regions = Regions.load(Path.of("knowledge-base/regions.yaml"));

  @Test
  void shortNamesResolveToFullPaths() {
    assertEquals("湖南省岳阳市", regions.resolve("岳阳").orElseThrow().path());
    assertEquals("湖南省岳阳市华容县", regions.resolve("华容县").orElseThrow().path());
    assertEquals("辽宁省鞍山市岫岩满族自治县", regions.resolve("岫岩").orElseThrow().path());
    assertEquals("湖北省恩施土家族苗族自治州建始县", regions.resolve("建始").orElseThrow().path());
    assertEquals("湖北省恩施土家族苗族自治州", regions.resolve("恩施州").orElseThrow().path());
  }

  @Test
  void aDocumentsFullRegionIsFoundByItsShortName() {
    Regions r = Regions.empty();
    r.addPath("广西壮族自治区百色市");
    r.addPath("湖北省恩施土家族苗族自治州建始县");
    assertEquals("广西壮族自治区", r.resolve("广西").orElseThrow().path());
    assertEquals("湖北省恩施土家族苗族自治州", r.findIn("恩施的高中助学金").get(0).path());
    assertEquals("广西壮族自治区百色市", r.findIn("百色的娃上大学").get(0).path());
  }

  @Test
  void countyIsCoveredByItsCityAndProvinceDocuments() {
    Region huarong = regions.resolve("华容").orElseThrow();
    assertTrue(huarong.isCoveredBy("湖南省岳阳市"));
    assertTrue(huarong.isCoveredBy("湖南省"));
    assertTrue(huarong.isCoveredBy("全国"));
    assertFalse(huarong.isCoveredBy("辽宁省鞍山市"));
  }

  @Test
  void mentionsInTextKeepTheMostSpecific() {
    List<Region> found = regions.findIn("俺家娃在岳阳市华容县上技校");
    assertEquals(1, found.size());
    assertEquals("湖南省岳阳市华容县", found.get(0).path());
    // 岳阳县 is a county, not the city 岳阳
    assertEquals("湖南省岳阳市岳阳县", regions.findIn("岳阳县的初中").get(0).path());
    assertEquals(2, regions.findIn("白城和鞍山哪个补助多").size());
  }

  @Test
  void pathsFromDocumentsExtendTheHierarchy() {
    Regions r = Regions.empty();
    r.addPath("广东省惠州市惠东县");
    assertEquals("广东省惠州市", r.resolve("惠州").orElseThrow().path());
    assertTrue(r.resolve("惠东").orElseThrow().isCoveredBy("广东省惠州市"));
  }

  @Test
  void traditionalInputIsSimplified() {
    assertEquals("岳阳市寄宿生补助", ChineseText.normalize("岳陽市寄宿生補助"));
    assertEquals("2019年 1000元", ChineseText.normalize("２０１９年\u3000１０００元"));
  }
}
