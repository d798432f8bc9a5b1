package io.github.whatsapphelpdesk.observe;

/** Receives {@link ChannelHealthEvent}s; called on the bridge's threads, so keep it quick. */
@FunctionalInterface
public interface ChannelHealthListener {

  /** Called for each channel problem. */
  void onChannelHealth(ChannelHealthEvent event);
}
