package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;

/**
 * A location pin ({@code type: location}).
 *
 * @param latitude degrees, -90..90
 * @param longitude degrees, -180..180
 * @param name the place name, or null
 * @param address the address, or null
 */
public record Location(double latitude, double longitude, String name, String address)
    implements MessageContent {

  @Override
  public String type() {
    return "location";
  }

  /** Name and address masked (lengths only). */
  @Override
  public String toString() {
    return "Location[latitude=" + latitude + ", longitude=" + longitude + ", name=" + Redact.len(name)
        + ", address=" + Redact.len(address) + "]";
  }
}
