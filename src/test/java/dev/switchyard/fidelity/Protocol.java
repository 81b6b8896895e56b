package dev.switchyard.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import java.util.List;

/**
 * One wire protocol as the matrix drives it, from both ends: as a client's (its requests read into
 * canonical, answers and errors written for it and judged by its SDK) and as a provider's (canonical
 * requests written for it and judged by its SDK, its recorded answers and errors read back). Every
 * ingress × egress pair goes through the same code in {@link FidelityMatrixTest}.
 */
interface Protocol {
  /** Which protocol; the OpenAI-compatible egress is OpenAI's wire with the options for other servers. */
  enum Kind { OPENAI, ANTHROPIC, GEMINI, OPENAI_COMPATIBLE }

  Kind kind();

  /** The name the matrix's directions use. */
  String label();

  /** The model a translated request for this provider names. */
  String upstreamModel();

  // ---- as a client's protocol ----

  /** A client's request, as the ingress reads it ({@code urlPath}: Gemini's model and streaming). */
  Translation<ChatRequest> toCanonical(byte[] body, String urlPath);

  /** Rows for what the ingress leaves out of the client's recorded request. */
  void ingressRows(Matrix.Cells cells, Translation<ChatRequest> in, JsonNode raw);

  /** A complete answer as this client gets it. */
  Translation<byte[]> encodeAnswer(ChatResponse response);

  /** The aspect under which {@link #sdkReadsAnswer} judges. */
  String answerJudge();

  /** What this client's SDK makes of the answer body, with the turn it would send back. */
  Received sdkReadsAnswer(byte[] body);

  /**
   * A stream encoded for this client, with this protocol's rows for its framing and its SDK's
   * reading of it; the received answer, or {@code null} when the SDK could not read it.
   */
  Received encodeStream(Matrix.Cells cells, List<StreamEvent> events, StreamAsk ask);

  /** The error rows for this client, given the provider's error decoded as a client error. */
  void errorRows(Matrix.Cells cells, GatewayException error, Recorded recorded);

  /**
   * The client's next turn after an answer with tool calls: its assistant turn sent back as it
   * came ({@code turn}) and a result for each call.
   */
  byte[] nextTurn(JsonNode turn, List<Answer.Call> calls);

  // ---- as a provider's protocol ----

  /** A canonical request as this provider's body; may refuse it with a {@link GatewayException}. */
  Translation<byte[]> fromCanonical(ChatRequest request, String model);

  /** The aspect under which {@link #validateRequest} judges. */
  String requestJudge();

  /** Judges a request body with the SDK (and spec); a note worth saying, or {@code null}. */
  String validateRequest(byte[] body) throws Exception;

  /** A request body this provider was sent, read back to canonical to compare with what was sent. */
  ChatRequest readBack(byte[] body, ChatRequest sent);

  /** The aspect of the row naming what {@link #fromCanonical} reported dropped. */
  String egressDropped();

  /** A recorded complete answer, read by the egress. */
  Translation<ChatResponse> decodeAnswer(byte[] body);

  /** What this protocol's SDK makes of a recorded complete answer. */
  Answer recordedAnswer(byte[] body);

  /** A recorded stream, read by the egress. */
  List<StreamEvent> decodeStream(byte[] body);

  /** What this protocol's SDK makes of a recorded stream. */
  Answer recordedStreamAnswer(byte[] body);

  /** A recorded error, read by the egress. */
  UpstreamError decodeError(int status, byte[] body);

  /** The status a client of another protocol gets for this provider's error status. */
  default int clientStatus(int status) {
    return status;
  }

  /** The message a client must see for this provider's recorded error body. */
  String errorMessage(JsonNode body);

  /** Loss rows for what this provider's error holds that {@code client}'s error JSON cannot. */
  void errorLossRows(Matrix.Cells cells, Protocol client, JsonNode body);

  /** What a client received: the answer, and the turn it would send back (for the next-turn check). */
  record Received(Answer answer, JsonNode turn) {}

  /** How the client asked for the stream: usage at the end (OpenAI), the JSON-array framing (Gemini). */
  record StreamAsk(boolean includeUsage, boolean jsonArray) {}

  /** The provider's recorded error and the protocol that recorded it. */
  record Recorded(Protocol provider, int status, JsonNode body) {}
}
