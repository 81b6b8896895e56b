package dev.switchyard.media;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.config.LimitsConfig;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.media.FetchedMedia.MediaUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes a canonical request fit a provider that cannot take some media by URL: such an image or
 * document is downloaded and inlined when the operator allows fetching, else the request is
 * refused with a 400 that says how to send it instead. One rule for every provider; each egress
 * says which URLs its provider takes. A request may have at most {@code server.limits.max_media_urls}
 * URLs fetched, {@code server.limits.max_media_total_size} bytes in all, a few at a time; what an
 * attempt fetched is kept in the request's {@link FetchedMedia} for its failover attempts.
 */
public final class MediaResolver {
  static final String MAX_URLS_SETTING = "server.limits.max_media_urls";

  private final MediaFetcher fetcher;
  private final Supplier<MediaConfig> config;
  private final Supplier<LimitsConfig> limits;

  public MediaResolver(MediaFetcher fetcher, Supplier<MediaConfig> config, Supplier<LimitsConfig> limits) {
    this.fetcher = fetcher;
    this.config = config;
    this.limits = limits;
  }

  /**
   * {@code request} with every URL the provider does not take replaced by the downloaded bytes;
   * the same request when there is none (the usual case, which costs one scan).
   *
   * @param fetched what the request's earlier attempts fetched; this one adds to it
   */
  public Future<ChatRequest> resolve(ChatRequest request, Predicate<ContentPart> takesUrl, String provider,
      FetchedMedia fetched, Vertx vertx, HttpClient client) {
    Set<MediaUrl> toFetch = new LinkedHashSet<>();
    for (Item item : request.items()) {
      for (ContentPart part : parts(item)) {
        if (!takesUrl.test(part)) {
          mediaUrl(part).ifPresent(toFetch::add);
        }
      }
    }
    if (toFetch.isEmpty()) {
      return Future.succeededFuture(request);
    }
    MediaConfig media = config.get();
    if (!media.fetchUrls()) {
      boolean image = toFetch.iterator().next().image();
      return Future.failedFuture(GatewayException.invalidRequest("messages", "Provider '" + provider
          + "' cannot take " + (image ? "images" : "documents") + " by URL: send " + (image ? "the image" : "it")
          + " inline (base64, as a data: URL), or ask the gateway's operator to enable media.fetch_urls."));
    }
    LimitsConfig limit = limits.get();
    long wanted = fetched.count() + toFetch.stream().filter(url -> !fetched.has(url)).count();
    if (wanted > limit.maxMediaUrls()) {
      return Future.failedFuture(new GatewayException(ErrorKind.INVALID_REQUEST, "too_many_media_urls", "messages",
          "This request has " + wanted + " images or documents by URL for the gateway to fetch; "
              + MAX_URLS_SETTING + " allows " + limit.maxMediaUrls() + ": send the others inline (base64)."));
    }
    FetchBudget budget = fetched.budget(limit.maxMediaTotalBytes());
    Map<MediaUrl, Future<MediaSource.Base64>> downloads = new HashMap<>();
    for (MediaUrl url : toFetch) {
      downloads.put(url, fetched.fetch(url, () -> fetcher.fetch(vertx, client, media, budget, url.url(),
          url.image())));
    }
    return Future.all(new ArrayList<>(downloads.values())).map(done -> {
      List<Item> items = new ArrayList<>(request.items().size());
      for (Item item : request.items()) {
        items.add(replaced(item, downloads));
      }
      return request.withItems(items);
    });
  }

  private static List<ContentPart> parts(Item item) {
    return switch (item) {
      case Item.Message message -> message.content();
      case Item.ToolResult result -> result.content();
      default -> List.of();
    };
  }

  /** The URL of an image or document given by a URL that needs fetching (not a data: URL). */
  private static Optional<MediaUrl> mediaUrl(ContentPart part) {
    MediaSource source = switch (part) {
      case ContentPart.Image image -> image.source();
      case ContentPart.Document document -> document.source();
      default -> null;
    };
    return source instanceof MediaSource.Url url && !url.url().regionMatches(true, 0, "data:", 0, 5)
        ? Optional.of(new MediaUrl(url.url(), part instanceof ContentPart.Image)) : Optional.empty();
  }

  private static Item replaced(Item item, Map<MediaUrl, Future<MediaSource.Base64>> downloads) {
    return switch (item) {
      case Item.Message message -> new Item.Message(message.role(), replaced(message.content(), downloads));
      case Item.ToolResult result -> new Item.ToolResult(result.callId(), replaced(result.content(), downloads),
          result.isError());
      default -> item;
    };
  }

  private static List<ContentPart> replaced(List<ContentPart> parts,
      Map<MediaUrl, Future<MediaSource.Base64>> downloads) {
    List<ContentPart> result = new ArrayList<>(parts.size());
    for (ContentPart part : parts) {
      Future<MediaSource.Base64> download = mediaUrl(part).map(downloads::get).orElse(null);
      if (download == null) {
        result.add(part);
      } else if (part instanceof ContentPart.Image image) {
        result.add(new ContentPart.Image(download.result(), image.detail()));
      } else if (part instanceof ContentPart.Document document) {
        result.add(new ContentPart.Document(download.result(), document.filename()));
      }
    }
    return result;
  }
}
