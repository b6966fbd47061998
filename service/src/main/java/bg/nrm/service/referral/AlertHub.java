package bg.nrm.service.referral;

import java.time.Instant;
import java.util.LinkedHashSet;
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
    private static final int QUEUE_CAPACITY = 500;
    private static final long LOOKBACK_MILLIS = 60_000;
    private static final int SEEN_CAPACITY = 10_000;

    private final ReferralStore store;
    private final Map<String, Set<BlockingQueue<Alert>>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private long watermark;

    public AlertHub(ReferralStore store, long startMillis) {
        this.store = store;
        this.watermark = startMillis;
    }

    /** One alert: a new referral for the subscriber's organisation. */
    public record Alert(String referralId, String level, Instant dueBy, boolean anonymised) {
    }

    /** Subscribes to an organisation's alerts, or returns null when it has too many open subscriptions. */
    public BlockingQueue<Alert> subscribe(String organisationId) {
        BlockingQueue<Alert> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        boolean[] added = {false};
        // compute() runs atomically per organisation, so the cap cannot be overrun by concurrent subscribers.
        subscribers.compute(organisationId, (k, set) -> {
            Set<BlockingQueue<Alert>> s = set == null ? new CopyOnWriteArraySet<>() : set;
            if (s.size() < MAX_SUBSCRIBERS_PER_ORGANISATION) {
                s.add(queue);
                added[0] = true;
            }
            return s;
        });
        return added[0] ? queue : null;
    }

    public void unsubscribe(String organisationId, BlockingQueue<Alert> queue) {
        Set<BlockingQueue<Alert>> set = subscribers.get(organisationId);
        if (set != null) {
            set.remove(queue);
        }
    }

    /**
     * Reads referrals created since the last poll (with a look-back, since a transaction may commit after a later
     * one) and hands each one, once, to its organisation's subscribers.
     */
    public synchronized int poll() {
        List<Referral> fresh = store.createdAfter(watermark - LOOKBACK_MILLIS, 1000);
        int published = 0;
        for (Referral r : fresh) {
            watermark = Math.max(watermark, r.createdAt());
            if (!seen.add(r.id())) {
                continue;
            }
            if (seen.size() > SEEN_CAPACITY) {
                seen.remove(seen.iterator().next());
            }
            Alert alert = new Alert(r.id(), r.level(), Instant.ofEpochMilli(r.dueBy()), r.anonymised());
            for (BlockingQueue<Alert> q : subscribers.getOrDefault(r.recipientId(), Set.of())) {
                q.offer(alert);
            }
            published++;
        }
        return published;
    }
}
