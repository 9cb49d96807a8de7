package dev.legacybridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads legacy users' second factors ({@link OtpTables}): django-otp's TOTP and static-token tables, or a TOTP secret
 * column of the users table. Many users per query, for bulk migration; one user for a login. Values are returned as
 * stored: decoding and decryption of keys is the caller's.
 */
public final class LegacyOtpDevices {

    private final UserTable t;
    private final OtpTables otp;

    LegacyOtpDevices(UserTable table, OtpTables otp) {
        this.t = table;
        this.otp = otp;
    }

    /** The second factors of one user ({@link LegacyMfa#NONE} when none are stored or none are configured). */
    public LegacyMfa ofUser(String userId) {
        return ofUsers(List.of(userId)).getOrDefault(userId, LegacyMfa.NONE);
    }

    /** The second factors of many users; users without any are absent. */
    public Map<String, LegacyMfa> ofUsers(List<String> userIds) {
        List<Object> ids = boundIds(userIds);
        if (!otp.enabled() || ids.isEmpty()) {
            return Map.of();
        }
        Map<String, List<LegacyTotpDevice>> totp = otp.kind() == OtpTables.Kind.DJANGO_OTP ? djangoTotp(ids)
                : secretColumn(ids);
        Map<String, List<String>> tokens = otp.kind() == OtpTables.Kind.DJANGO_OTP ? djangoStaticTokens(ids)
                : Map.of();
        Map<String, LegacyMfa> result = new LinkedHashMap<>();
        for (String id : userIds) {
            List<LegacyTotpDevice> devices = totp.getOrDefault(id, List.of());
            List<String> codes = tokens.getOrDefault(id, List.of());
            if (!devices.isEmpty() || !codes.isEmpty()) {
                result.put(id, new LegacyMfa(devices, codes));
            }
        }
        return result;
    }

    private Map<String, List<LegacyTotpDevice>> djangoTotp(List<Object> ids) {
        String sql = "SELECT d." + t.q("user_id") + ", d." + t.q("name") + ", d." + t.q("key") + ", d." + t.q("digits")
                + ", d." + t.q("step") + ", d." + t.q("t0") + ", d." + t.q("drift") + ", d." + t.q("confirmed")
                + " FROM " + t.dialect().quote(otp.totpTable()) + " d WHERE d." + t.q("user_id") + " IN ("
                + placeholders(ids) + ") ORDER BY d." + t.q("id");
        return t.query("read TOTP devices", sql, bind(ids), rs -> {
            Map<String, List<LegacyTotpDevice>> devices = new HashMap<>();
            while (rs.next()) {
                String user = rs.getString(1);
                devices.computeIfAbsent(user, k -> new ArrayList<>()).add(new LegacyTotpDevice(user,
                        rs.getString(2) == null ? "" : rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getLong(6), rs.getInt(7), flag(rs, 8)));
            }
            return devices;
        });
    }

    private Map<String, List<String>> djangoStaticTokens(List<Object> ids) {
        String sql = "SELECT d." + t.q("user_id") + ", k." + t.q("token") + " FROM "
                + t.dialect().quote(otp.staticTokenTable()) + " k JOIN " + t.dialect().quote(otp.staticDeviceTable())
                + " d ON d." + t.q("id") + " = k." + t.q("device_id") + " WHERE d." + t.q("confirmed") + " = ? AND d."
                + t.q("user_id") + " IN (" + placeholders(ids) + ") ORDER BY d." + t.q("id") + ", k." + t.q("id");
        return t.query("read static OTP tokens", sql, (ps, i) -> {
            ps.setBoolean(i++, true);
            return bind(ids).bind(ps, i);
        }, rs -> {
            Map<String, List<String>> tokens = new HashMap<>();
            while (rs.next()) {
                tokens.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
            return tokens;
        });
    }

    private Map<String, List<LegacyTotpDevice>> secretColumn(List<Object> ids) {
        LegacySchema s = t.schema();
        String sql = "SELECT u." + t.q(s.idColumn()) + ", u." + t.q(otp.secretColumn()) + " FROM " + t.usersTable()
                + " u WHERE u." + t.q(s.idColumn()) + " IN (" + placeholders(ids) + ")";
        return t.query("read TOTP secrets", sql, bind(ids), rs -> {
            Map<String, List<LegacyTotpDevice>> devices = new HashMap<>();
            while (rs.next()) {
                String secret = rs.getString(2);
                if (secret != null && !secret.isBlank()) {
                    devices.put(rs.getString(1), List.of(new LegacyTotpDevice(rs.getString(1), "", secret.trim(),
                            otp.digits(), otp.period(), 0, 0, true)));
                }
            }
            return devices;
        });
    }

    private List<Object> boundIds(List<String> userIds) {
        UserTable.IdKind kind = userIds.isEmpty() ? UserTable.IdKind.TEXT : t.idKind();
        List<Object> ids = new ArrayList<>();
        for (String id : userIds) {
            try {
                ids.add(switch (kind) {
                    case INTEGER -> Long.valueOf(id);
                    case UUID -> java.util.UUID.fromString(id);
                    case TEXT -> id;
                });
            } catch (IllegalArgumentException e) {
                // not an id of this table: it has no devices
            }
        }
        return ids;
    }

    private static String placeholders(List<Object> ids) {
        return String.join(", ", Collections.nCopies(ids.size(), "?"));
    }

    private static UserTable.Binder bind(List<Object> ids) {
        return (ps, i) -> {
            for (Object id : ids) {
                ps.setObject(i++, id);
            }
            return i;
        };
    }

    private static boolean flag(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        return value != null && List.of("t", "true", "1", "y", "yes").contains(value.toString().trim().toLowerCase(
                java.util.Locale.ROOT));
    }
}
