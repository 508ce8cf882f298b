package aidline.answer;

import java.math.BigDecimal;

/** An amount stated in a reply: value, unit (元/生·年 …), aid item and the region it applies to. */
public record Amount(BigDecimal value, String unit, String item, String region) {}
