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
    // Large: without an index on created_at each page is a scan of the referral table, so one page should hold the
    // whole look-back at any rate the service reaches (60 s at 240 referrals/s is 14,400 rows of six columns).
    private static final int PAGE = 20_000;

    private final ReferralStore store;
    private final Map<String, Set<BlockingQueue<Event>>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAccount = new ConcurrentHashMap<>();
    private final int streamsPerAccount;
    // Announced referrals by id, with their creation time, in the order read (which is creation order).
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private long watermark;

    public AlertHub(ReferralStore store, long startMillis) {
        this(store, startMillis, DEFAULT_STREAMS_PER_ACCOUNT);
    }

    /** A hub that lets one account hold at most {@code streamsPerAccount} streams at once. */
    public AlertHub(ReferralStore store, long startMillis, int streamsPerAccount) {
        this.store = store;
        this.watermark = startMillis;
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
            if (s.size() < MAX_SUBSCRIBERS_PER_ORGANISATION) {
                s.add(queue);
                added[0] = true;
            }
            return s;
        });
        if (!added[0]) {
            release(account);
        }
        return added[0] ? queue : null;
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
     * Reads referrals created since the last poll (with a look-back, since a transaction may commit after a later
     * one) and hands each one, once, to its organisation's subscribers. Reads the whole window, a page at a time if
     * ever it is larger than one: a single page of 1,000 stopped the watermark once more than 1,000 referrals were made
     * within the look-back.
     */
    public synchronized int poll() {
        long from = watermark - LOOKBACK_MILLIS;
        String fromId = "";
        int published = 0;
        List<ReferralStore.Created> page;
        do {
            page = store.createdAfter(from, fromId, PAGE);
            for (ReferralStore.Created r : page) {
                from = r.createdAt();
                fromId = r.id();
                watermark = Math.max(watermark, r.createdAt());
                if (seen.putIfAbsent(r.id(), r.createdAt()) != null) {
                    continue;
                }
                Alert alert = new Alert(r.id(), r.level(), Instant.ofEpochMilli(r.dueBy()), r.anonymised());
                announce(r.recipientId(), new Event("referral", r.id(), Json.writeString(alert)));
                published++;
            }
        } while (page.size() == PAGE);
        forgetBefore(watermark - LOOKBACK_MILLIS);
        return published;
    }

    // A referral older than the look-back is never read again, so it need not be remembered; the cap bounds memory
    // (at its size a referral forgotten early could be announced twice, never lost).
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
