package bg.nrm.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 28 regions of Bulgaria, read from {@code regions.csv} (shipped in this module), with great-circle
 * distances between regional centres for "nearest recipient" decisions.
 */
public final class Regions {
    private static final double EARTH_RADIUS_KM = 6371.0;
    private static final Regions BUILT_IN = load();

    private final Map<String, Region> byCode;

    private Regions(Map<String, Region> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** The regions shipped with the module. */
    public static Regions builtIn() {
        return BUILT_IN;
    }

    public boolean isValid(String code) {
        return code != null && byCode.containsKey(code);
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public Collection<Region> all() {
        return byCode.values();
    }

    /** Distance in kilometres between the regional centres of two regions (haversine). */
    public double distanceKm(String fromCode, String toCode) {
        Region a = require(fromCode);
        Region b = require(toCode);
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude()))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
    }

    private Region require(String code) {
        Region r = code == null ? null : byCode.get(code);
        if (r == null) {
            throw new RulesException("unknown region code");
        }
        return r;
    }

    private static Regions load() {
        try (InputStream in = Regions.class.getResourceAsStream("regions.csv")) {
            if (in == null) {
                throw new RulesException("regions.csv is missing from the rules module");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Region> regions = new LinkedHashMap<>();
            reader.readLine(); // header: code,name_bg,name_en,centre_bg,centre_en,lat,lon
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                regions.put(f[0], new Region(f[0], f[1], f[2], Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            }
            return new Regions(regions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
