package dev.switchyard.protocol;

/** A client's request as its ingress protocol parsed it: what routing and metering need to know. */
public interface ClientRequest {
  String model();

  boolean stream();
}
