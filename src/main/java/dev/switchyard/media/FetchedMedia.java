package dev.switchyard.media;

import dev.switchyard.canonical.MediaSource;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The media one request has fetched by URL, made at its first attempt that fetches and shared by
 * its failover attempts, so a second target gets the files the first one needed without fetching
 * them again. Also what all of the request's fetches share: the byte budget, and a few slots, so
 * that one request never has more than {@link #AT_ONCE} downloads running.
 */
public final class FetchedMedia {
  /** Downloads one request runs at once: some overlap for slow servers, never a burst of connections. */
  static final int AT_ONCE = 4;

  private final Map<MediaUrl, Future<MediaSource.Base64>> files = new HashMap<>();
  private final Deque<Queued> queued = new ArrayDeque<>();
  private int running;
  private FetchBudget budget;

  /** A URL fetched as an image, or as a document: the two are checked differently. */
  record MediaUrl(String url, boolean image) {}

  private record Queued(MediaUrl url, Supplier<Future<MediaSource.Base64>> download,
      Promise<MediaSource.Base64> result) {}

  /** The budget of all the request's fetches, made at the first with the limit of the time. */
  synchronized FetchBudget budget(long limit) {
    if (budget == null) {
      budget = new FetchBudget(limit);
    }
    return budget;
  }

  /** Whether this URL was fetched, or is being fetched, for an earlier attempt. */
  synchronized boolean has(MediaUrl url) {
    return files.containsKey(url);
  }

  /** How many URLs this request has fetched, or is fetching. */
  synchronized int count() {
    return files.size();
  }

  /**
   * The file behind {@code url}: as fetched before for this request, else by {@code download}
   * once a slot is free. When a download fails, the ones still waiting are dropped (failed with
   * the same error and forgotten): the request fails anyway.
   */
  Future<MediaSource.Base64> fetch(MediaUrl url, Supplier<Future<MediaSource.Base64>> download) {
    Promise<MediaSource.Base64> result;
    synchronized (this) {
      Future<MediaSource.Base64> known = files.get(url);
      if (known != null) {
        return known;
      }
      result = Promise.promise();
      files.put(url, result.future());
      queued.add(new Queued(url, download, result));
    }
    startWaiting();
    return result.future();
  }

  private void startWaiting() {
    List<Queued> starting = new ArrayList<>();
    synchronized (this) {
      while (running < AT_ONCE && !queued.isEmpty()) {
        starting.add(queued.poll());
        running++;
      }
    }
    for (Queued next : starting) {
      Future<MediaSource.Base64> download;
      try {
        download = next.download().get();
      } catch (RuntimeException e) {
        download = Future.failedFuture(e);
      }
      download.onComplete(done -> finished(next, done));
    }
  }

  private void finished(Queued download, AsyncResult<MediaSource.Base64> done) {
    List<Queued> dropped = new ArrayList<>();
    synchronized (this) {
      running--;
      if (done.failed()) {
        dropped.addAll(queued);
        queued.clear();
        dropped.forEach(waiting -> files.remove(waiting.url()));
      }
    }
    dropped.forEach(waiting -> waiting.result().tryFail(done.cause()));
    download.result().handle(done);
    startWaiting();
  }
}
