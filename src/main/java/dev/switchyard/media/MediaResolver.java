package dev.switchyard.media;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes a canonical request fit a provider that cannot take some media by URL: such an image or
 * document is downloaded and inlined when the operator allows fetching, else the request is
 * refused with a 400 that says how to send it instead. One rule for every provider; each egress
 * says which URLs its provider takes.
 */
public final class MediaResolver {
  private final MediaFetcher fetcher;
  private final Supplier<MediaConfig> config;

  public MediaResolver(MediaFetcher fetcher, Supplier<MediaConfig> config) {
    this.fetcher = fetcher;
    this.config = config;
  }

  /**
   * {@code request} with every URL the provider does not take replaced by the downloaded bytes;
   * the same request when there is none (the usual case, which costs one scan).
   */
  public Future<ChatRequest> resolve(ChatRequest request, Predicate<ContentPart> takesUrl, String provider,
      Vertx vertx, HttpClient client) {
    List<ContentPart> toFetch = new ArrayList<>();
    for (Item item : request.items()) {
      for (ContentPart part : parts(item)) {
        if (fetchedUrl(part).isPresent() && !takesUrl.test(part)) {
          toFetch.add(part);
        }
      }
    }
    if (toFetch.isEmpty()) {
      return Future.succeededFuture(request);
    }
    MediaConfig media = config.get();
    if (!media.fetchUrls()) {
      boolean image = toFetch.get(0) instanceof ContentPart.Image;
      return Future.failedFuture(GatewayException.invalidRequest("messages", "Provider '" + provider
          + "' cannot take " + (image ? "images" : "documents") + " by URL: send " + (image ? "the image" : "it")
          + " inline (base64, as a data: URL), or ask the gateway's operator to enable media.fetch_urls."));
    }
    Map<ContentPart, Future<MediaSource.Base64>> downloads = new HashMap<>();
    for (ContentPart part : toFetch) {
      downloads.computeIfAbsent(part, p -> fetcher.fetch(vertx, client, media, fetchedUrl(p).orElseThrow(),
          p instanceof ContentPart.Image));
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
  private static java.util.Optional<String> fetchedUrl(ContentPart part) {
    MediaSource source = switch (part) {
      case ContentPart.Image image -> image.source();
      case ContentPart.Document document -> document.source();
      default -> null;
    };
    return source instanceof MediaSource.Url url && !url.url().regionMatches(true, 0, "data:", 0, 5)
        ? java.util.Optional.of(url.url()) : java.util.Optional.empty();
  }

  private static Item replaced(Item item, Map<ContentPart, Future<MediaSource.Base64>> downloads) {
    return switch (item) {
      case Item.Message message -> new Item.Message(message.role(), replaced(message.content(), downloads));
      case Item.ToolResult result -> new Item.ToolResult(result.callId(), replaced(result.content(), downloads),
          result.isError());
      default -> item;
    };
  }

  private static List<ContentPart> replaced(List<ContentPart> parts,
      Map<ContentPart, Future<MediaSource.Base64>> downloads) {
    List<ContentPart> result = new ArrayList<>(parts.size());
    for (ContentPart part : parts) {
      Future<MediaSource.Base64> download = downloads.get(part);
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
