package dev.switchyard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {"sqlite::memory:", "sqlite:", "jdbc:sqlite::memory:", "  sqlite::memory:  "})
  void memoryUrlsOpenAnInMemorySqliteDatabase(String url) {
    StorageUrl parsed = StorageUrl.parse(url);

    assertThat(parsed.dialect()).isEqualTo("sqlite");
    assertThat(parsed.inMemory()).isTrue();
    assertThat(parsed.jdbcUrl()).startsWith("jdbc:sqlite:file:").contains("mode=memory");
  }

  @Test
  void eachMemoryUrlNamesADifferentDatabase() {
    assertThat(StorageUrl.parse("sqlite::memory:").jdbcUrl())
        .isNotEqualTo(StorageUrl.parse("sqlite::memory:").jdbcUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sqlite:./data/switchyard.db", "jdbc:sqlite:./data/switchyard.db", "sqlite:data/../data/switchyard.db"})
  void fileUrlsNameTheAbsoluteFile(String url) {
    Path file = Path.of("data/switchyard.db").toAbsolutePath().normalize();

    StorageUrl parsed = StorageUrl.parse(url);

    assertThat(parsed).isEqualTo(new StorageUrl("sqlite", "jdbc:sqlite:" + file, false, "SQLite file " + file));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      jdbc:postgresql://127.0.0.1:5432/test?user=postgres                 | jdbc:postgresql://127.0.0.1:5432/test?user=postgres                        | PostgreSQL at //127.0.0.1:5432/test
      jdbc:postgresql://db.internal/app?user=sy&password=s3cret            | jdbc:postgresql://db.internal/app?user=sy&password=s3cret                   | PostgreSQL at //db.internal/app
      postgresql://127.0.0.1:5432/test                                     | jdbc:postgresql://127.0.0.1:5432/test                                       | PostgreSQL at //127.0.0.1:5432/test
      postgresql://postgres@127.0.0.1:5432/test                            | jdbc:postgresql://127.0.0.1:5432/test?user=postgres                         | PostgreSQL at //127.0.0.1:5432/test
      postgresql://sy:s3cret@db.internal:6432/app                          | jdbc:postgresql://db.internal:6432/app?user=sy&password=s3cret              | PostgreSQL at //db.internal:6432/app
      postgres://sy:s3cret@db.internal/app?sslmode=require                 | jdbc:postgresql://db.internal/app?sslmode=require&user=sy&password=s3cret   | PostgreSQL at //db.internal/app
      jdbc:postgresql://sy:s3cret@db.internal/app                          | jdbc:postgresql://db.internal/app?user=sy&password=s3cret                   | PostgreSQL at //db.internal/app
      postgresql://sy:p%40ss%2Fw+rd%3F@db.internal/app                     | jdbc:postgresql://db.internal/app?user=sy&password=p%40ss%2Fw%2Brd%3F       | PostgreSQL at //db.internal/app
      postgresql://s%C3%BF:@db.internal/app                                | jdbc:postgresql://db.internal/app?user=s%C3%BF&password=                    | PostgreSQL at //db.internal/app
      postgresql://sy:s3cret@db.internal                                   | jdbc:postgresql://db.internal/?user=sy&password=s3cret                      | PostgreSQL at //db.internal/
      postgresql://sy:s3cret@db.internal?connectTimeout=5                  | jdbc:postgresql://db.internal/?connectTimeout=5&user=sy&password=s3cret     | PostgreSQL at //db.internal/
      postgresql://sy:s3cret@[::1]:5432/app                                | jdbc:postgresql://[::1]:5432/app?user=sy&password=s3cret                    | PostgreSQL at //[::1]:5432/app
      """)
  void postgresUrlsBecomeJdbcUrlsTheDriverAccepts(String url, String jdbcUrl, String description) {
    StorageUrl parsed = StorageUrl.parse(url);

    assertThat(parsed.dialect()).isEqualTo("postgresql");
    assertThat(parsed.inMemory()).isFalse();
    assertThat(parsed.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(parsed.description()).isEqualTo(description);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://sy:s3cret@db/app", "postgres://sy:s3cret@db/app?password=s3cret",
      "jdbc:postgresql://db/app?user=sy&password=s3cret", "jdbc:postgresql://sy:s3cret@db/app"})
  void descriptionNeverShowsThePassword(String url) {
    assertThat(StorageUrl.parse(url).description()).doesNotContain("s3cret").doesNotContain("password");
  }

  @Test
  void convertedUrlIsAcceptedByThePostgresDriver() throws Exception {
    java.util.Properties properties = org.postgresql.Driver.parseURL(
        StorageUrl.parse("postgresql://sy:p%40ss+1@db.internal:6432/app?sslmode=disable").jdbcUrl(), null);

    assertThat(properties).isNotNull();
    assertThat(properties.getProperty("user")).isEqualTo("sy");
    assertThat(properties.getProperty("password")).isEqualTo("p@ss+1");
    assertThat(properties.getProperty("PGHOST")).isEqualTo("db.internal");
    assertThat(properties.getProperty("PGPORT")).isEqualTo("6432");
    assertThat(properties.getProperty("PGDBNAME")).isEqualTo("app");
    assertThat(properties.getProperty("sslmode")).isEqualTo("disable");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://root:s3cret@db/app", "", "switchyard.db", "jdbc:mysql://db/app"})
  void otherUrlsAreRefusedWithoutShowingAPassword(String url) {
    assertThatThrownBy(() -> StorageUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "storage.url must start with sqlite:, jdbc:sqlite:, postgresql: or jdbc:postgresql:")
        .message().doesNotContain("s3cret");
  }
}
