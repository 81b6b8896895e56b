package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.SignatureOrigin;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.JsonTrees;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiClientSignaturesTest {
  private static final String ANTHROPIC = "EqEECkYICxgCKkAo3UA4WwDbB8ihhpykVCsPx6iMzwNT+/w==";

  @Test
  void geminisOwnSignatureGoesToItsClientsAsItCame() {
    assertThat(GeminiClientSignatures.toClient(SignatureOrigin.fromGemini("EpwICp+/=="))).isEqualTo("EpwICp+/==");
    assertThat(GeminiClientSignatures.fromClient("EpwICp+/==")).isEqualTo("gemini:EpwICp+/==");
  }

  @Test
  void anotherProvidersSignatureTravelsInABase64EnvelopeAndComesBackUnwrapped() {
    String wire = GeminiClientSignatures.toClient(ANTHROPIC);

    assertThat(Base64.getDecoder().decode(wire)).isNotEmpty(); // what Google's SDKs require
    assertThat(GeminiClientSignatures.fromClient(wire)).isEqualTo(ANTHROPIC);
    // the SDKs may send bytes back in the URL-safe alphabet, unpadded
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(wire));
    assertThat(GeminiClientSignatures.fromClient(urlSafe)).isEqualTo(ANTHROPIC);
  }

  @Test
  void onlyGeminisSignaturesReachGeminiAndOthersAreNamed() {
    ChatRequest request = new ChatRequest("m", List.of(
        new Item.Message(Role.USER, List.of(ContentPart.text("Q"))),
        new Item.Reasoning("Claude thought this", Optional.of(ANTHROPIC), Optional.empty()),
        new Item.ToolCall("c1", "f", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("{}")), false),
        new Item.Reasoning("", Optional.of("gemini:c2ln"), Optional.empty()),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Done")))),
        List.of(), ToolChoice.AUTO, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 1, Optional.empty(),
        Optional.empty(), Optional.empty(), false);

    Translation<byte[]> out = CanonicalToGemini.request(request, "gemini-3.1-pro");

    String body = new String(out.value(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).doesNotContain(ANTHROPIC).contains("\"thoughtSignature\":\"c2ln\"")
        .contains("Claude thought this").contains(CanonicalItemsToGemini.SKIP_SIGNATURE);
    assertThat(out.dropped()).containsExactly(
        "items[1] (a thinking signature from another provider: Gemini takes back only its own)");
    assertThat(JsonTrees.readUpstream(out.value(), "test").at("/contents/1/parts/0/thought").asBoolean()).isTrue();
  }
}
