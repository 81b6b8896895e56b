package dev.switchyard.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration every part of Switchyard reads and writes with, so a number, a
 * nesting limit or a trailing token is treated the same whichever protocol a body came in.
 */
public final class Json {
  /** Streaming reads and writes: request scanning, usage capture, error bodies. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
      .build();

  /**
   * Trees. Decimals stay BigDecimal, trailing zeros kept, so a tool argument or schema bound
   * {@code 1.10} is not re-serialized as {@code 1.1}; anything after the root value is an error.
   */
  public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private Json() {}
}
