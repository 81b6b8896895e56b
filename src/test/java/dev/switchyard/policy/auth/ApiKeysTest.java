package dev.switchyard.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeysTest {
  @RepeatedTest(20)
  void generatedKeyIsThePrefixAndFortyBase62Characters() {
    assertThat(ApiKeys.generate()).matches("sk-sy-[A-Za-z0-9]{40}").hasSize(46);
  }

  @Test
  void generatedKeysAndIdsDoNotRepeat() {
    Set<String> keys = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      keys.add(ApiKeys.generate());
      ids.add(ApiKeys.newId());
    }

    assertThat(keys).hasSize(1000);
    assertThat(ids).hasSize(1000);
  }

  @Test
  void idIsKeyUnderscoreAndSixteenBase62Characters() {
    assertThat(ApiKeys.newId()).matches("key_[A-Za-z0-9]{16}");
  }

  @ParameterizedTest
  @CsvSource({
      "'',  e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  })
  void hashIsHexSha256(String key, String hash) {
    assertThat(ApiKeys.hash(key)).isEqualTo(hash);
  }

  @Test
  void hashIsStableAndDistinguishesKeys() {
    String key = ApiKeys.generate();

    assertThat(ApiKeys.hash(key)).isEqualTo(ApiKeys.hash(new String(key.toCharArray())))
        .hasSize(64).matches("[0-9a-f]+")
        .isNotEqualTo(ApiKeys.hash(key + "x"));
  }

  @RepeatedTest(50)
  void hintShowsTheStartAndEndButNeverTheMiddle() {
    String key = ApiKeys.generate();

    String hint = ApiKeys.hint(key);

    assertThat(hint).isEqualTo(key.substring(0, 10) + "..." + key.substring(42)).hasSize(17);
    String middle = key.substring(10, 42);
    for (int i = 0; i + 6 <= middle.length(); i++) {
      assertThat(hint).doesNotContain(middle.substring(i, i + 6));
    }
  }
}
