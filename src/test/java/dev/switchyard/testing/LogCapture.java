package dev.switchyard.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Watches everything logged in this JVM (the gateway's own lines, Vert.x's and Netty's) for lines
 * at ERROR and lines carrying a stack trace, from {@link #start()} until {@link #close()}. Keeps
 * the first {@value #KEPT} such lines and counts the rest.
 */
public final class LogCapture implements AutoCloseable {
  private static final int KEPT = 50;

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<String> problems = new ArrayList<>();
  private int problemCount;
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null) {
        record(describe(event));
      }
    }
  };

  private LogCapture() {}

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.appender.setName("test-log-capture");
    capture.appender.setContext(capture.root.getLoggerContext());
    capture.appender.start();
    capture.root.addAppender(capture.appender);
    return capture;
  }

  private synchronized void record(String line) {
    problemCount++;
    if (problems.size() < KEPT) {
      problems.add(line);
    }
  }

  /** The ERROR lines and stack traces logged so far (the first {@value #KEPT}). */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** How many such lines were logged, kept or not. */
  public synchronized int problemCount() {
    return problemCount;
  }

  private static String describe(ILoggingEvent event) {
    StringBuilder line = new StringBuilder()
        .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" [").append(event.getThreadName())
        .append("] ").append(event.getFormattedMessage());
    for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
      line.append("\n    ").append(cause.getClassName()).append(": ").append(cause.getMessage());
      StackTraceElementProxy[] frames = cause.getStackTraceElementProxyArray();
      for (int i = 0; i < Math.min(frames.length, 12); i++) {
        line.append("\n      at ").append(frames[i].getStackTraceElement());
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
