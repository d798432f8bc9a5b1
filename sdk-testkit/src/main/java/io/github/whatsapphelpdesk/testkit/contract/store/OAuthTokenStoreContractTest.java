package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.spi.OAuthTokenRecord;
import io.github.whatsapphelpdesk.spi.OAuthTokenStore;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OAuthTokenStore} meets: a record is created only from version 0, every write
 * is a compare-and-set on the version read and bumps it by one, a stale version never overwrites, what
 * was written is read back field for field (nulls included), keys are independent, and of concurrent
 * writers on one version exactly one wins (so two instances never both take the refresh lease).
 *
 * <p>Extend it and implement {@link #newStore}: an empty store.
 */
public abstract class OAuthTokenStoreContractTest {

  /** A clock for the records' instants, at {@link MutableClock#DEFAULT_START} before each test. */
  protected MutableClock clock;

  /** The store under test, fresh for each test. */
  protected OAuthTokenStore store;

  @BeforeEach
  void openStore() {
    clock = MutableClock.create();
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      dispose(store);
    }
  }

  // ---- hooks ------------------------------------------------------------------------------------------

  /** An empty store. Called before each test. */
  protected abstract OAuthTokenStore newStore();

  /** Frees what {@link #newStore} made. Default: nothing. */
  protected void dispose(OAuthTokenStore store) {}

  private OAuthTokenRecord rec(String refresh, String access) {
    return new OAuthTokenRecord(refresh, access, access == null ? null : clock.instant().plus(Duration.ofHours(1)),
        "origin-1", null, null, 0, clock.instant());
  }

  // ---- rules ------------------------------------------------------------------------------------------

  @Test
  void anUnknownKeyHasNoRecord() {
    assertThat(store.get("zendesk:acme:client")).isEmpty();
  }

  @Test
  void theFirstWriteIsFromVersionZeroAndStoresVersionOne() {
    assertThat(store.compareAndSet("k", 1, rec("r0", null))).as("no record has version 1 yet").isFalse();
    assertThat(store.get("k")).isEmpty();
    assertThat(store.compareAndSet("k", 0, rec("r0", null))).isTrue();
    assertThat(store.get("k")).get().extracting(OAuthTokenRecord::version).isEqualTo(1L);
    assertThat(store.compareAndSet("k", 0, rec("other", null))).as("version 0 again: the record exists").isFalse();
    assertThat(store.get("k").orElseThrow().refreshToken()).isEqualTo("r0");
  }

  @Test
  void everyWriteBumpsTheVersionByOneWhateverTheRecordSays() {
    assertThat(store.compareAndSet("k", 0, rec("r0", null))).isTrue();
    OAuthTokenRecord claimed = new OAuthTokenRecord("r1", "a1", null, null, null, null, 42, clock.instant());
    assertThat(store.compareAndSet("k", 1, claimed)).isTrue();
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(2L);
    assertThat(store.compareAndSet("k", 2, rec("r2", "a2"))).isTrue();
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(3L);
  }

  @Test
  void aStaleVersionNeverOverwrites() {
    assertThat(store.compareAndSet("k", 0, rec("r0", null))).isTrue();
    assertThat(store.compareAndSet("k", 1, rec("r1", "a1"))).isTrue();
    assertThat(store.compareAndSet("k", 1, rec("stale", "stale"))).isFalse();
    assertThat(store.get("k").orElseThrow().refreshToken()).isEqualTo("r1");
  }

  @Test
  void aRecordIsReadBackFieldForField() {
    Instant exp = clock.instant().plus(Duration.ofHours(2));
    Instant lease = clock.instant().plusSeconds(30);
    OAuthTokenRecord full = new OAuthTokenRecord("refresh-\u00e9-1", "access-1", exp, "sha256:abc", "host-1#7",
        lease, 0, clock.instant());
    assertThat(store.compareAndSet("k", 0, full)).isTrue();
    OAuthTokenRecord read = store.get("k").orElseThrow();
    assertThat(read.refreshToken()).isEqualTo("refresh-\u00e9-1");
    assertThat(read.accessToken()).isEqualTo("access-1");
    assertThat(read.accessTokenExpiresAt()).isEqualTo(exp);
    assertThat(read.origin()).isEqualTo("sha256:abc");
    assertThat(read.refreshingBy()).isEqualTo("host-1#7");
    assertThat(read.refreshingUntil()).isEqualTo(lease);
    assertThat(read.updatedAt()).isEqualTo(clock.instant());

    OAuthTokenRecord bare = new OAuthTokenRecord("r2", null, null, null, null, null, 0, clock.instant());
    assertThat(store.compareAndSet("k", 1, bare)).isTrue();
    OAuthTokenRecord again = store.get("k").orElseThrow();
    assertThat(again.accessToken()).isNull();
    assertThat(again.accessTokenExpiresAt()).isNull();
    assertThat(again.origin()).isNull();
    assertThat(again.refreshingBy()).isNull();
    assertThat(again.refreshingUntil()).isNull();
  }

  @Test
  void keysAreIndependentAndComparedInFull() {
    for (String k : List.of("zendesk:a.zendesk.com:c", "zendesk:a.zendesk.com:C", "zendesk:a.zendesk.com:c2")) {
      assertThat(store.compareAndSet(k, 0, rec("r-" + k, null))).as("create %s", k).isTrue();
    }
    assertThat(store.get("zendesk:a.zendesk.com:C").orElseThrow().refreshToken()).isEqualTo("r-zendesk:a.zendesk.com:C");
    assertThat(store.compareAndSet("zendesk:a.zendesk.com:c", 1, rec("next", null))).isTrue();
    assertThat(store.get("zendesk:a.zendesk.com:c2").orElseThrow().version()).isEqualTo(1L);
  }

  @Test
  void deleteForgetsTheRecordAndCreationStartsOver() {
    assertThat(store.compareAndSet("k", 0, rec("r0", null))).isTrue();
    assertThat(store.compareAndSet("k", 1, rec("r1", null))).isTrue();
    store.delete("k");
    store.delete("never-written");
    assertThat(store.get("k")).isEmpty();
    assertThat(store.compareAndSet("k", 0, rec("fresh", null))).isTrue();
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(1L);
  }

  @Test
  void aNegativeVersionIsRefused() {
    assertThatThrownBy(() -> store.compareAndSet("k", -1, rec("r0", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void ofConcurrentWritersOnOneVersionExactlyOneWins() {
    int threads = 8;
    assertThat(store.compareAndSet("k", 0, rec("r0", null))).isTrue();
    for (int round = 0; round < 50; round++) {
      long v = store.get("k").orElseThrow().version();
      List<Boolean> won = Race.run(threads, i -> store.compareAndSet("k", v,
          rec("r0", null).withLease("instance-" + i, clock.instant().plusSeconds(30), clock.instant())));
      assertThat(won.stream().filter(b -> b).count()).as("lease winners of round %d", round).isEqualTo(1);
      assertThat(store.get("k").orElseThrow().version()).isEqualTo(v + 1);
    }
  }

  @Test
  void concurrentCreatorsOfOneKeyExactlyOneWins() {
    for (int round = 0; round < 50; round++) {
      String key = "new-" + round;
      List<Boolean> won = Race.run(8, i -> store.compareAndSet(key, 0, rec("r-" + i, null)));
      assertThat(won.stream().filter(b -> b).count()).as("creators of %s", key).isEqualTo(1);
    }
  }
}
