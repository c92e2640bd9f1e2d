import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake Xero for the sync benchmark (bench/xero.sh): one organisation (tenant) reached through a custom connection,
 * speaking Xero's payload shapes (those of the public OpenAPI examples, /work/shared/reference/xero-examples) and
 * ENFORCING Xero's per-tenant limits. JDK only, launched as a single source file:
 *
 * <pre>
 *   java bench/xero-fake/XeroFake.java --port 29990 --items 10000 --invoices 20000 [options]
 * </pre>
 *
 * Endpoints:
 * <ul>
 *   <li>{@code POST /connect/token}: {@code grant_type=client_credentials} with HTTP Basic {@code --client-id}:
 *       {@code --client-secret} answers a random access token, {@code expires_in} {@code --token-seconds} (1800);
 *       anything else is 400 {@code invalid_client}. {@code POST /connect/revocation} answers 200.</li>
 *   <li>{@code GET /Connections} (Bearer): the tenant, in the shape of connections-get.json.</li>
 *   <li>{@code GET /api.xro/2.0/Items}: every item in one response (Xero does not page Items), each with Code, Name,
 *       Description, SalesDetails.UnitPrice; {@code If-Modified-Since} (ISO-8601 or RFC 1123) keeps those changed
 *       after it.</li>
 *   <li>{@code GET /api.xro/2.0/Invoices?page=P}: 100 per page with Xero's {@code pagination} object, ACCREC,
 *       statuses DRAFT/SUBMITTED/AUTHORISED/PAID/VOIDED/DELETED, amounts, contacts, {@code \/Date(ms+0000)\/}
 *       dates; {@code If-Modified-Since}, {@code Statuses}, {@code order=UpdatedDateUTC ASC|DESC} honoured; the
 *       {@code where} Type=="ACCREC"/"ACCPAY" honoured (every invoice is ACCREC). Without {@code page}, Xero
 *       answers the first 100 as well.</li>
 *   <li>{@code GET /api.xro/2.0/Contacts?page=P}, {@code /Payments?page=P}: empty unless {@code --list-contacts}
 *       (the invoices' contacts) / {@code --list-payments} (one payment per invoice with an amount paid).</li>
 *   <li>{@code GET /_stats}: JSON counters (not a Xero endpoint, never limited or counted).</li>
 * </ul>
 *
 * Limits, per tenant (the {@code xero-tenant-id} header, else the token's tenant), on every /api.xro/2.0 call:
 * 60 calls per FIXED minute window (windows aligned to the clock's minutes, as Xero's are fixed windows),
 * 5 calls in flight, 5,000 per UTC day; per app 10,000 per minute. A call over a limit is answered 429 with
 * {@code X-Rate-Limit-Problem} (minute, concurrent, day, appminute) and, for minute and day, {@code Retry-After}
 * in seconds; a refused call does not count towards the limits. Every API answer carries
 * {@code X-DayLimit-Remaining}, {@code X-MinLimit-Remaining}, {@code X-AppMinLimit-Remaining}.
 * Identity calls (token, /Connections) are counted in the stats but not limited (they are not tenant API calls).
 *
 * <p>Every generated record is a pure function of its index (ids are name-based UUIDs), so two syncs of one run,
 * and two runs, see the same data. {@code --call-log FILE} writes one TSV line per call (start ms, end ms, method,
 * path, status, in-flight, bytes).
 */
public final class XeroFake {

    static final int PAGE_SIZE = 100;

    // ------------------------------------------------------------------------------------------------ settings
    final int port;
    final int items;
    final int invoices;
    final int contacts;
    final boolean listContacts;
    final boolean listPayments;
    final String clientId;
    final String clientSecret;
    final String tenantId;
    final String tenantName;
    final long tokenSeconds;
    final int perMinute;
    final int concurrent;
    final int perDay;
    final int appPerMinute;
    final long latencyMs;
    final long baseMs = LocalDate.of(2024, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    final PrintWriter callLog;

    // ------------------------------------------------------------------------------------------------ state
    final Map<String, Long> tokens = new ConcurrentHashMap<>(); // access token -> expiry (epoch ms)
    final Object limitLock = new Object();
    long windowMinute = -1;          // the fixed minute window (epoch minute) of the counters below
    final Map<String, Integer> windowCalls = new HashMap<>();
    int appWindowCalls;
    LocalDate day;
    final Map<String, Integer> dayCalls = new HashMap<>();
    final Map<String, Integer> inFlight = new HashMap<>();

    // ------------------------------------------------------------------------------------------------ stats
    final AtomicLong totalCalls = new AtomicLong();
    final AtomicLong apiCalls = new AtomicLong();
    final AtomicLong tooMany = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();
    final Map<String, AtomicLong> byPath = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> byProblem = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> apiCallsByMinute = new ConcurrentHashMap<>();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicLong firstApiCallMs = new AtomicLong();
    final AtomicLong lastApiCallMs = new AtomicLong();
    final AtomicInteger anyInFlight = new AtomicInteger();

    XeroFake(Map<String, String> options) throws IOException {
        port = Integer.parseInt(options.getOrDefault("port", "29990"));
        items = Integer.parseInt(options.getOrDefault("items", "10000"));
        invoices = Integer.parseInt(options.getOrDefault("invoices", "20000"));
        contacts = Math.max(1, Integer.parseInt(options.getOrDefault("contacts", "500")));
        listContacts = options.containsKey("list-contacts");
        listPayments = options.containsKey("list-payments");
        clientId = options.getOrDefault("client-id", "bench-client");
        clientSecret = options.getOrDefault("client-secret", "bench-secret");
        tenantId = options.getOrDefault("tenant-id", UUID.nameUUIDFromBytes("fieldops-bench-tenant".getBytes(
                StandardCharsets.UTF_8)).toString());
        tenantName = options.getOrDefault("tenant-name", "FieldOps Bench Ltd");
        tokenSeconds = Long.parseLong(options.getOrDefault("token-seconds", "1800"));
        perMinute = Integer.parseInt(options.getOrDefault("per-minute", "60"));
        concurrent = Integer.parseInt(options.getOrDefault("concurrent", "5"));
        perDay = Integer.parseInt(options.getOrDefault("per-day", "5000"));
        appPerMinute = Integer.parseInt(options.getOrDefault("app-per-minute", "10000"));
        latencyMs = Long.parseLong(options.getOrDefault("latency-ms", "0"));
        String logFile = options.get("call-log");
        callLog = logFile == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(logFile)), true);
        if (callLog != null) callLog.println("start_ms\tend_ms\tmethod\tpath\tstatus\tin_flight\tbytes");
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("not an option: " + args[i]);
            String name = args[i].substring(2);
            if (Set.of("list-contacts", "list-payments").contains(name)) options.put(name, "true");
            else options.put(name, args[++i]);
        }
        new XeroFake(options).start();
    }

    void start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::handle);
        server.start();
        System.out.printf("XeroFake listening on http://127.0.0.1:%d (tenant %s, %d items, %d invoices, %d contacts)%n",
                port, tenantId, items, invoices, contacts);
    }

    // ------------------------------------------------------------------------------------------------ dispatch
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, String json) {
            return new Answer(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8),
                    new LinkedHashMap<>());
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        long started = System.currentTimeMillis();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Answer answer;
        int flying = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (path.equals("/_stats")) {
                answer = Answer.json(200, stats());
                send(exchange, answer);
                return;
            }
            totalCalls.incrementAndGet();
            flying = anyInFlight.incrementAndGet();
            try {
                if (method.equals("POST") && path.equals("/connect/token")) {
                    answer = token(exchange, new String(body, StandardCharsets.UTF_8));
                } else if (method.equals("POST") && path.equals("/connect/revocation")) {
                    answer = Answer.json(200, "");
                } else if (method.equals("GET") && path.equals("/Connections")) {
                    answer = bearer(exchange) == null ? unauthorized() : Answer.json(200, connections());
                } else if (path.startsWith("/api.xro/2.0/")) {
                    answer = api(exchange, method, path.substring("/api.xro/2.0/".length()), query);
                } else {
                    answer = Answer.json(404, "{\"Title\":\"Not Found\",\"Status\":404}");
                }
            } finally {
                anyInFlight.decrementAndGet();
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            answer = Answer.json(500, "{\"Title\":\"Internal Server Error\",\"Status\":500,\"Detail\":\""
                    + esc(String.valueOf(e)) + "\"}");
        }
        String key = method + " " + pathKey(path);
        byPath.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        byStatus.computeIfAbsent(String.valueOf(answer.status()), k -> new AtomicLong()).incrementAndGet();
        send(exchange, answer);
        bytesOut.addAndGet(answer.body().length);
        if (callLog != null) {
            synchronized (callLog) {
                callLog.printf("%d\t%d\t%s\t%s\t%d\t%d\t%d%n", started, System.currentTimeMillis(), method,
                        path + (query.containsKey("page") ? "?page=" + query.get("page") : ""), answer.status(),
                        flying, answer.body().length);
            }
        }
    }

    static String pathKey(String path) {
        return path.startsWith("/api.xro/2.0/") ? path.replaceAll("/[0-9a-fA-F-]{36}$", "/{id}") : path;
    }

    void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // ------------------------------------------------------------------------------------------------ identity
    Answer token(HttpExchange exchange, String form) {
        Map<String, String> fields = query(form);
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        boolean basicOk = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean formOk = clientId.equals(fields.get("client_id")) && clientSecret.equals(fields.get("client_secret"));
        if (!"client_credentials".equals(fields.get("grant_type"))) {
            return Answer.json(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        if (!basicOk && !formOk) return Answer.json(400, "{\"error\":\"invalid_client\"}");
        String access = "bench-access-" + UUID.randomUUID();
        tokens.put(access, System.currentTimeMillis() + tokenSeconds * 1000);
        return Answer.json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":" + tokenSeconds
                + ",\"token_type\":\"Bearer\",\"scope\":\"accounting.transactions accounting.settings "
                + "accounting.contacts\"}");
    }

    /** The valid bearer token of the request, or null. */
    String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) return null;
        String token = header.substring("Bearer ".length()).trim();
        Long expires = tokens.get(token);
        return expires != null && expires > System.currentTimeMillis() ? token : null;
    }

    static Answer unauthorized() {
        return Answer.json(401, "{\"Type\":null,\"Title\":\"Unauthorized\",\"Status\":401,\"Detail\":\"TokenExpired: "
                + "token expired or unknown\",\"Instance\":\"" + UUID.randomUUID() + "\",\"Extensions\":{}}");
    }

    String connections() {
        return "[{\"id\":\"" + UUID.nameUUIDFromBytes(("connection-" + tenantId).getBytes(StandardCharsets.UTF_8))
                + "\",\"authEventId\":\"" + UUID.nameUUIDFromBytes(("auth-" + tenantId).getBytes(StandardCharsets.UTF_8))
                + "\",\"tenantId\":\"" + tenantId + "\",\"tenantType\":\"ORGANISATION\",\"tenantName\":\""
                + esc(tenantName) + "\",\"createdDateUtc\":\"2024-01-01T00:00:00.0000000\",\"updatedDateUtc\":"
                + "\"2024-01-01T00:00:00.0000000\"}]";
    }

    // ------------------------------------------------------------------------------------------------ API + limits
    Answer api(HttpExchange exchange, String method, String resource, Map<String, String> query) throws IOException {
        apiCalls.incrementAndGet();
        if (bearer(exchange) == null) return unauthorized();
        String tenant = exchange.getRequestHeaders().getFirst("xero-tenant-id");
        if (tenant == null || tenant.isBlank()) tenant = tenantId; // a custom connection needs no tenant header
        if (!tenant.equals(tenantId)) {
            return Answer.json(403, "{\"Type\":null,\"Title\":\"Forbidden\",\"Status\":403,\"Detail\":"
                    + "\"AuthenticationUnsuccessful\",\"Instance\":\"" + UUID.randomUUID() + "\",\"Extensions\":{}}");
        }
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        String problem = null;
        long retryAfter = -1;
        int minuteRemaining;
        int dayRemaining;
        int appRemaining;
        synchronized (limitLock) {
            if (minute != windowMinute) {
                windowMinute = minute;
                windowCalls.clear();
                appWindowCalls = 0;
            }
            if (!today.equals(day)) {
                day = today;
                dayCalls.clear();
            }
            int inWindow = windowCalls.getOrDefault(tenant, 0);
            int inDay = dayCalls.getOrDefault(tenant, 0);
            int flying = inFlight.getOrDefault(tenant, 0);
            if (inDay >= perDay) {
                problem = "day";
                retryAfter = Math.max(1, (today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                        - now + 999) / 1000);
            } else if (inWindow >= perMinute) {
                problem = "minute";
                retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            } else if (appWindowCalls >= appPerMinute) {
                problem = "appminute";
                retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            } else if (flying >= concurrent) {
                problem = "concurrent";
            } else {
                windowCalls.put(tenant, inWindow + 1);
                dayCalls.put(tenant, inDay + 1);
                appWindowCalls++;
                inFlight.put(tenant, flying + 1);
                maxInFlight.accumulateAndGet(flying + 1, Math::max);
                apiCallsByMinute.computeIfAbsent(minute, k -> new AtomicInteger()).incrementAndGet();
                firstApiCallMs.compareAndSet(0, now);
                lastApiCallMs.set(now);
            }
            minuteRemaining = perMinute - windowCalls.getOrDefault(tenant, 0);
            dayRemaining = perDay - dayCalls.getOrDefault(tenant, 0);
            appRemaining = appPerMinute - appWindowCalls;
        }
        if (problem != null) {
            tooMany.incrementAndGet();
            byProblem.computeIfAbsent(problem, k -> new AtomicLong()).incrementAndGet();
            Answer answer = new Answer(429, "text/plain; charset=utf-8",
                    "You have exceeded the rate limit".getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
            answer.headers().put("X-Rate-Limit-Problem", problem);
            if (retryAfter >= 0) answer.headers().put("Retry-After", String.valueOf(retryAfter));
            limitHeaders(answer, dayRemaining, minuteRemaining, appRemaining);
            return answer;
        }
        try {
            if (latencyMs > 0) sleep(latencyMs);
            Answer answer = resource(exchange, method, resource, query);
            limitHeaders(answer, dayRemaining, minuteRemaining, appRemaining);
            return answer;
        } finally {
            synchronized (limitLock) {
                inFlight.merge(tenant, -1, Integer::sum);
            }
        }
    }

    static void limitHeaders(Answer answer, int day, int minute, int app) {
        answer.headers().put("X-DayLimit-Remaining", String.valueOf(Math.max(0, day)));
        answer.headers().put("X-MinLimit-Remaining", String.valueOf(Math.max(0, minute)));
        answer.headers().put("X-AppMinLimit-Remaining", String.valueOf(Math.max(0, app)));
    }

    Answer resource(HttpExchange exchange, String method, String resource, Map<String, String> query) {
        if (!method.equals("GET")) {
            return Answer.json(405, "{\"Title\":\"Method Not Allowed\",\"Status\":405}");
        }
        Long since = ifModifiedSince(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
        switch (resource) {
            case "Items":
                return Answer.json(200, items(since));
            case "Invoices":
                return Answer.json(200, invoices(since, query));
            case "Contacts":
                return Answer.json(200, contacts(since, query));
            case "Payments":
                return Answer.json(200, payments(since, query));
            default:
                return Answer.json(404, "{\"Title\":\"Not Found\",\"Status\":404}");
        }
    }

    /** ISO-8601 (what xero-java sends), RFC 1123 (HTTP), or a local date-time taken as UTC. */
    static Long ifModifiedSince(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException notIso) {
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException notHttp) {
                return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ payloads
    String envelope(String listName, CharSequence list, String pagination) {
        return "{\"Id\":\"" + UUID.randomUUID() + "\",\"Status\":\"OK\",\"ProviderName\":\"FieldOps Bench\","
                + "\"DateTimeUTC\":\"\\/Date(" + System.currentTimeMillis() + ")\\/\","
                + (pagination == null ? "" : pagination + ",") + "\"" + listName + "\":[" + list + "]}";
    }

    static String date(long ms) {
        return "\\/Date(" + ms + "+0000)\\/";
    }

    static String money(long cents) {
        return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100);
    }

    static UUID id(String kind, int index) {
        return UUID.nameUUIDFromBytes(("fieldops-bench-" + kind + "-" + index).getBytes(StandardCharsets.UTF_8));
    }

    long itemUpdated(int i) {
        return baseMs + i * 60_000L + 1234;
    }

    String items(Long since) {
        StringBuilder out = new StringBuilder(items * 420);
        for (int i = 1; i <= items; i++) {
            long updated = itemUpdated(i);
            if (since != null && updated <= since) continue;
            if (out.length() > 0) out.append(',');
            long price = 4500 + (i * 137L) % 15000; // 45.00 .. 194.99
            out.append("{\"ItemID\":\"").append(id("item", i)).append("\",\"Code\":\"").append(String.format(
                            "SVC-%05d", i)).append("\",\"Description\":\"Bench service ").append(i)
                    .append(": labour per hour, on site\",\"PurchaseDescription\":\"Bench service ").append(i)
                    .append("\",\"UpdatedDateUTC\":\"").append(date(updated)).append("\",\"PurchaseDetails\":{},")
                    .append("\"SalesDetails\":{\"UnitPrice\":").append(money(price))
                    .append(",\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"},\"Name\":\"")
                    .append(String.format("Service %05d", i))
                    .append("\",\"IsTrackedAsInventory\":false,\"IsSold\":true,\"IsPurchased\":false}");
        }
        return envelope("Items", out, null);
    }

    record Inv(int index, UUID id, String number, String status, int contact, long dateMs, long dueMs,
               long subTotal, long tax, long total, long paid, long updatedMs) {
        long due() {
            return status.equals("VOIDED") || status.equals("DELETED") ? 0 : total - paid;
        }
    }

    static final long DAY = 86_400_000L;

    Inv invoice(int i) {
        int r = (int) ((i * 2654435761L) % 100); // a fixed scatter of 0..99
        String status = r < 55 ? "PAID" : r < 85 ? "AUTHORISED" : r < 91 ? "DRAFT" : r < 94 ? "SUBMITTED"
                : r < 98 ? "VOIDED" : "DELETED";
        long span = 730L * DAY;
        long dateMs = baseMs + (span * (i - 1) / Math.max(1, invoices)) / DAY * DAY;
        long dueMs = dateMs + (r % 2 == 0 ? 14 : 30) * DAY;
        long subTotal = 8000 + (i * 7919L) % 492000; // 80.00 .. 5,000.00
        long tax = Math.round(subTotal * 0.15);
        long total = subTotal + tax;
        long paid = status.equals("PAID") ? total : status.equals("AUTHORISED") && r % 3 == 0 ? total / 2 : 0;
        long updatedMs = baseMs + (span * (i - 1) / Math.max(1, invoices)) + 9 * 3_600_000L + (i % 1000);
        return new Inv(i, id("invoice", i), String.format("INV-%06d", i), status, 1 + (i * 31) % contacts, dateMs,
                dueMs, subTotal, tax, total, paid, updatedMs);
    }

    String contactName(int c) {
        return String.format("Customer %04d Ltd", c);
    }

    void appendInvoice(StringBuilder out, Inv inv) {
        out.append("{\"Type\":\"ACCREC\",\"InvoiceID\":\"").append(inv.id()).append("\",\"InvoiceNumber\":\"")
                .append(inv.number()).append("\",\"Reference\":\"Job ").append(inv.index()).append("\",\"Payments\":[");
        if (inv.paid() > 0) {
            out.append("{\"PaymentID\":\"").append(id("payment", inv.index())).append("\",\"Date\":\"")
                    .append(date(inv.dueMs() - 2 * DAY)).append("\",\"Amount\":").append(money(inv.paid()))
                    .append(",\"CurrencyRate\":1.000000,\"HasAccount\":false,\"HasValidationErrors\":false}");
        }
        out.append("],\"CreditNotes\":[],\"Prepayments\":[],\"Overpayments\":[],\"AmountDue\":")
                .append(money(inv.due())).append(",\"AmountPaid\":").append(money(inv.paid()))
                .append(",\"AmountCredited\":0.00,\"SentToContact\":").append(!inv.status().equals("DRAFT"))
                .append(",\"CurrencyRate\":1.000000,\"HasErrors\":false,\"IsDiscounted\":false,")
                .append("\"HasAttachments\":false,\"Contact\":{\"ContactID\":\"").append(id("contact", inv.contact()))
                .append("\",\"Name\":\"").append(contactName(inv.contact()))
                .append("\",\"Addresses\":[],\"Phones\":[],\"ContactGroups\":[],\"ContactPersons\":[],")
                .append("\"HasValidationErrors\":false},\"DateString\":\"")
                .append(Instant.ofEpochMilli(inv.dateMs()).toString(), 0, 10).append("T00:00:00\",\"Date\":\"")
                .append(date(inv.dateMs())).append("\",\"DueDateString\":\"")
                .append(Instant.ofEpochMilli(inv.dueMs()).toString(), 0, 10).append("T00:00:00\",\"DueDate\":\"")
                .append(date(inv.dueMs())).append("\",\"Status\":\"").append(inv.status())
                .append("\",\"LineAmountTypes\":\"Exclusive\",\"LineItems\":[],\"SubTotal\":")
                .append(money(inv.subTotal())).append(",\"TotalTax\":").append(money(inv.tax())).append(",\"Total\":")
                .append(money(inv.total())).append(",\"UpdatedDateUTC\":\"").append(date(inv.updatedMs()))
                .append("\",\"UpdatedDateUTCString\":\"")
                .append(Instant.ofEpochMilli(inv.updatedMs()).toString().replaceAll("\\.\\d+Z$", "Z"))
                .append("\",\"CurrencyCode\":\"NZD\"");
        if (inv.status().equals("PAID")) out.append(",\"FullyPaidOnDate\":\"").append(date(inv.dueMs() - 2 * DAY))
                .append('"');
        out.append('}');
    }

    static int page(Map<String, String> query) {
        String page = query.get("page");
        if (page == null || page.isBlank()) return 1;
        return Math.max(1, Integer.parseInt(page.trim()));
    }

    static String pagination(int page, int count) {
        return "\"pagination\":{\"page\":" + page + ",\"pageSize\":" + PAGE_SIZE + ",\"pageCount\":"
                + (count + PAGE_SIZE - 1) / PAGE_SIZE + ",\"itemCount\":" + count + "}";
    }

    String invoices(Long since, Map<String, String> query) {
        String where = query.getOrDefault("where", "").replace(" ", "");
        if (where.contains("Type==\"ACCPAY\"")) return envelope("Invoices", "", pagination(page(query), 0));
        Set<String> statuses = query.containsKey("Statuses") ? Set.of(query.get("Statuses").toUpperCase(Locale.ROOT)
                .split(",")) : null;
        Predicate<Inv> keep = inv -> (since == null || inv.updatedMs() > since)
                && (statuses == null || statuses.contains(inv.status()));
        boolean descending = query.getOrDefault("order", "").toUpperCase(Locale.ROOT).contains("DESC");
        // indexes ascend with UpdatedDateUTC: the matching list in that order, counted once (cheap: pure functions)
        List<Integer> matching = new ArrayList<>();
        for (int i = 1; i <= invoices; i++) if (keep.test(invoice(i))) matching.add(i);
        if (descending) java.util.Collections.reverse(matching);
        int page = page(query);
        StringBuilder out = new StringBuilder(PAGE_SIZE * 1500);
        for (int k = (page - 1) * PAGE_SIZE; k < Math.min(matching.size(), page * PAGE_SIZE); k++) {
            if (out.length() > 0) out.append(',');
            appendInvoice(out, invoice(matching.get(k)));
        }
        return envelope("Invoices", out, pagination(page, matching.size()));
    }

    String contacts(Long since, Map<String, String> query) {
        int page = page(query);
        int count = listContacts ? contacts : 0;
        StringBuilder out = new StringBuilder();
        for (int c = (page - 1) * PAGE_SIZE + 1; c <= Math.min(count, page * PAGE_SIZE); c++) {
            long updated = baseMs + c * 3_600_000L;
            if (since != null && updated <= since) continue;
            if (out.length() > 0) out.append(',');
            out.append("{\"ContactID\":\"").append(id("contact", c)).append("\",\"ContactStatus\":\"ACTIVE\",")
                    .append("\"Name\":\"").append(contactName(c)).append("\",\"EmailAddress\":\"accounts")
                    .append(c).append("@customer.example\",\"Addresses\":[],\"Phones\":[],\"UpdatedDateUTC\":\"")
                    .append(date(updated)).append("\",\"ContactGroups\":[],\"IsSupplier\":false,")
                    .append("\"IsCustomer\":true,\"HasAttachments\":false,\"HasValidationErrors\":false}");
        }
        return envelope("Contacts", out, pagination(page, count));
    }

    String payments(Long since, Map<String, String> query) {
        int page = page(query);
        List<Inv> paid = new ArrayList<>();
        if (listPayments) {
            for (int i = 1; i <= invoices; i++) {
                Inv inv = invoice(i);
                if (inv.paid() > 0 && (since == null || inv.updatedMs() > since)) paid.add(inv);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = (page - 1) * PAGE_SIZE; k < Math.min(paid.size(), page * PAGE_SIZE); k++) {
            Inv inv = paid.get(k);
            if (out.length() > 0) out.append(',');
            out.append("{\"PaymentID\":\"").append(id("payment", inv.index())).append("\",\"Date\":\"")
                    .append(date(inv.dueMs() - 2 * DAY)).append("\",\"Amount\":").append(money(inv.paid()))
                    .append(",\"Reference\":\"\",\"CurrencyRate\":1.000000,\"PaymentType\":\"ACCRECPAYMENT\",")
                    .append("\"Status\":\"AUTHORISED\",\"UpdatedDateUTC\":\"").append(date(inv.updatedMs()))
                    .append("\",\"HasAccount\":true,\"IsReconciled\":false,\"Account\":{\"AccountID\":\"")
                    .append(id("account", 1)).append("\",\"Code\":\"090\"},\"Invoice\":{\"Type\":\"ACCREC\",")
                    .append("\"InvoiceID\":\"").append(inv.id()).append("\",\"InvoiceNumber\":\"")
                    .append(inv.number()).append("\"},\"HasValidationErrors\":false}");
        }
        return envelope("Payments", out, pagination(page, paid.size()));
    }

    // ------------------------------------------------------------------------------------------------ stats
    String stats() {
        StringBuilder out = new StringBuilder("{");
        out.append("\"total_calls\":").append(totalCalls.get())
                .append(",\"api_calls\":").append(apiCalls.get())
                .append(",\"too_many_requests\":").append(tooMany.get())
                .append(",\"bytes_out\":").append(bytesOut.get())
                .append(",\"max_in_flight\":").append(maxInFlight.get())
                .append(",\"first_api_call_ms\":").append(firstApiCallMs.get())
                .append(",\"last_api_call_ms\":").append(lastApiCallMs.get())
                .append(",\"limits\":{\"per_minute\":").append(perMinute).append(",\"concurrent\":").append(concurrent)
                .append(",\"per_day\":").append(perDay).append(",\"app_per_minute\":").append(appPerMinute)
                .append(",\"window\":\"fixed, clock minutes\"}")
                .append(",\"by_path\":").append(map(byPath))
                .append(",\"by_status\":").append(map(byStatus))
                .append(",\"by_problem\":").append(map(byProblem));
        out.append(",\"api_calls_by_minute\":{");
        boolean first = true;
        for (Map.Entry<Long, AtomicInteger> e : new TreeMap<>(apiCallsByMinute).entrySet()) {
            if (!first) out.append(',');
            first = false;
            out.append('"').append(Instant.ofEpochSecond(e.getKey() * 60)).append("\":").append(e.getValue().get());
        }
        out.append("}}");
        return out.toString();
    }

    static String map(Map<String, AtomicLong> map) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, AtomicLong> e : new TreeMap<>(map).entrySet()) {
            if (out.length() > 1) out.append(',');
            out.append('"').append(esc(e.getKey())).append("\":").append(e.getValue().get());
        }
        return out.append('}').toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers
    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
