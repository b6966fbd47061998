package bg.nrm.service.referral;

import bg.nrm.service.http.Json;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;

/**
 * Live alerts per organisation. Every instance polls the shared referral table ({@link #poll}), so a referral made
 * on one instance reaches subscribers connected to any instance. An alert names the referral, its level and due time,
 * never case content.
 */
public final class AlertHub {
    private static final int MAX_SUBSCRIBERS_PER_ORGANISATION = 20;
    private static final int DEFAULT_STREAMS_PER_ACCOUNT = 3;
    private static final int QUEUE_CAPACITY = 500;
    private static final long LOOKBACK_MILLIS = 60_000;
    private static final int SEEN_CAPACITY = 500_000;
    private static final int PAGE = 1000;

    private final ReferralStore store;
    private final LongSupplier clock;
    private final Map<String, Set<BlockingQueue<Event>>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAccount = new ConcurrentHashMap<>();
    private final int streamsPerAccount;
    // Per organisation with a subscriber on this instance: how far its referrals have been read, and from when it
    // listens (a referral made before that is in its inbox, not news).
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    // Announced referrals by id, with their creation time, in the order read.
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    private record Cursor(long watermark, long since) {
    }

    public AlertHub(ReferralStore store, LongSupplier clock) {
        this(store, clock, DEFAULT_STREAMS_PER_ACCOUNT);
    }

    /** A hub that lets one account hold at most {@code streamsPerAccount} streams at once. */
    public AlertHub(ReferralStore store, LongSupplier clock, int streamsPerAccount) {
        this.store = store;
        this.clock = clock;
        this.streamsPerAccount = Math.max(1, streamsPerAccount);
    }

    /** One event on a stream: its SSE name ({@code referral}, {@code key-change}), id and JSON data. */
    public record Event(String name, String id, String json) {
    }

    /** One alert: a new referral for the subscriber's organisation. */
    public record Alert(String referralId, String level, Instant dueBy, boolean anonymised) {
    }

    /**
     * Subscribes {@code account} to its organisation's alerts, or returns null when the account already holds its
     * share of streams or the organisation has too many: one account cannot take every slot of its organisation.
     */
    public BlockingQueue<Event> subscribe(String organisationId, String account) {
        if (perAccount.merge(account, 1, Integer::sum) > streamsPerAccount) {
            release(account);
            return null;
        }
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        boolean[] added = {false};
        // compute() runs atomically per organisation, so the cap cannot be overrun by concurrent subscribers.
        subscribers.compute(organisationId, (k, set) -> {
            Set<BlockingQueue<Event>> s = set == null ? new CopyOnWriteArraySet<>() : set;
            if (s.isEmpty()) {
                // The organisation starts listening here: news from now on.
                long now = clock.getAsLong();
                cursors.put(organisationId, new Cursor(now, now));
            }
            if (s.size() < MAX_SUBSCRIBERS_PER_ORGANISATION) {
                s.add(queue);
                added[0] = true;
            }
            return s;
        });
        if (!added[0]) {
            release(account);
            return null;
        }
        return queue;
    }

    public void unsubscribe(String organisationId, String account, BlockingQueue<Event> queue) {
        Set<BlockingQueue<Event>> set = subscribers.get(organisationId);
        if (set != null && set.remove(queue)) {
            release(account);
        }
    }

    /** Hands an event to the organisation's subscribers on this instance (key changes, expiry warnings). */
    public void announce(String organisationId, Event event) {
        for (BlockingQueue<Event> q : subscribers.getOrDefault(organisationId, Set.of())) {
            q.offer(event);
        }
    }

    private void release(String account) {
        perAccount.computeIfPresent(account, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Reads, for each organisation with a subscriber here, the referrals made for it since the last poll (with a
     * look-back, since a transaction may commit after a later one) and hands each one, once, to its subscribers.
     * Along the index on (recipient_id, created_at), a page at a time: nobody listening costs no query, and the window
     * is read whole (a single page of 1,000 over every organisation once stopped the watermark for good when more
     * referrals than that were made within the look-back).
     */
    public synchronized int poll() {
        int published = 0;
        for (Map.Entry<String, Set<BlockingQueue<Event>>> e : subscribers.entrySet()) {
            String organisationId = e.getKey();
            Cursor cursor = cursors.get(organisationId);
            if (e.getValue().isEmpty() || cursor == null) {
                continue;
            }
            long watermark = cursor.watermark();
            long from = watermark - LOOKBACK_MILLIS;
            String fromId = "";
            List<ReferralStore.Created> page;
            do {
                page = store.createdFor(organisationId, from, fromId, PAGE);
                for (ReferralStore.Created r : page) {
                    from = r.createdAt();
                    fromId = r.id();
                    watermark = Math.max(watermark, r.createdAt());
                    if (r.createdAt() < cursor.since() || seen.putIfAbsent(r.id(), r.createdAt()) != null) {
                        continue;
                    }
                    Alert alert = new Alert(r.id(), r.level(), Instant.ofEpochMilli(r.dueBy()), r.anonymised());
                    announce(organisationId, new Event("referral", r.id(), Json.writeString(alert)));
                    published++;
                }
            } while (page.size() == PAGE);
            cursors.put(organisationId, new Cursor(watermark, cursor.since()));
        }
        forgetBefore(cursors.values().stream().mapToLong(Cursor::watermark).min().orElse(Long.MAX_VALUE) - LOOKBACK_MILLIS);
        return published;
    }

    // A referral older than every organisation's look-back is never read again, so it need not be remembered; the cap
    // bounds memory (at its size a referral forgotten early could be announced twice, never lost).
    private void forgetBefore(long millis) {
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> e = oldest.next();
            if (e.getValue() >= millis && seen.size() <= SEEN_CAPACITY) {
                break;
            }
            oldest.remove();
        }
    }
}
