package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsksTest {
  private final Lexicon lexicon = Lexicon.load(Path.of("knowledge-base/lexicon.yaml"));

  @Test
  void bothSidesOfEachAreAsked() {
    assertEquals(List.of("鞍山考上大学的补助多少", "助学贷款多少"), Asks.of(lexicon, "鞍山考上大学的补助和助学贷款各多少"));
    assertEquals(List.of("海南营养餐补助是多少", "交通补助是多少"), Asks.of(lexicon, "海南营养餐补助和交通补助分别是多少"));
  }

  @Test
  void partsThatAskNothingAreContext() {
    assertEquals(
        List.of("有啥补助", "能贷多少款"),
        Asks.of(lexicon, "海城的孩子今年考上大学了，家里是建档立卡户，有啥补助？能贷多少款"));
    assertEquals(List.of("岳阳初中住校补多少", "交通补助呢"), Asks.of(lexicon, "岳阳初中住校补多少，交通补助呢"));
  }

  @Test
  void oneQuestionIsOneAsk() {
    assertEquals(1, Asks.of(lexicon, "俺家娃在岳阳读初中住校，一年能补好多钱").size());
    assertEquals(1, Asks.of(lexicon, "岳阳小学和初中住校补多少").size());
  }
}
