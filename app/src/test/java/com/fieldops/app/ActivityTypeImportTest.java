package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/** Bulk import of a price list: formats, encodings, bad rows, duplicates, dry run, upsert and limits. */
@FieldOpsTest
class ActivityTypeImportTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    Api api;
    Api.User admin;

    @BeforeEach
    void users() {
        api = new Api(rest);
        admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada Admin");
    }

    private ResponseEntity<JsonNode> importCsv(String query, byte[] csv) {
        return api.call(admin, HttpMethod.POST, "/api/activity-types/bulk-import" + query, csv, CSV);
    }

    private ResponseEntity<JsonNode> importCsv(String query, String csv) {
        return importCsv(query, csv.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<JsonNode> upload(String query, byte[] csv) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(csv) {
            @Override
            public String getFilename() {
                return "price-list.csv";
            }
        });
        return api.call(admin, HttpMethod.POST, "/api/activity-types/bulk-import" + query, form,
                MediaType.MULTIPART_FORM_DATA);
    }

    private Map<String, JsonNode> priceList() {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        api.get(admin, "/api/activity-types?include_disabled=true").getBody()
                .forEach(type -> byName.put(type.get("name").asText(), type));
        return byName;
    }

    private long importEvents() {
        return jdbc.sql("select count(*) from domain_event_entry where payload_type like '%ActivityTypesImported'")
                .query(Long.class).single();
    }

    @Test
    void bomCrlfAndQuotedFieldsAsMultipart() {
        String csv = "\uFEFFname,hourly_rate,xero_code,description,enabled\r\n"
                + "\"Electrical, domestic\",95.50,ELEC,\"Says \"\"hi\"\"\r\nand more\",true\r\n"
                + "Plumbing,80,PLUMB,,no\r\n";
        ResponseEntity<JsonNode> response = upload("", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("imported").asInt()).isEqualTo(2);
        assertThat(response.getBody().get("errors")).isEmpty();
        Map<String, JsonNode> types = priceList();
        assertThat(types).containsOnlyKeys("Electrical, domestic", "Plumbing");
        assertThat(types.get("Electrical, domestic").get("description").asText()).isEqualTo("Says \"hi\"\r\nand more");
        assertThat(types.get("Electrical, domestic").get("hourly_rate").decimalValue()).isEqualByComparingTo("95.5");
        assertThat(types.get("Plumbing").get("enabled").asBoolean()).isFalse();
        assertThat(types.get("Plumbing").get("description").isNull()).isTrue();
    }

    @Test
    void xeroItemsExportIsRecognisedByItsHeader() {
        String csv = "*ItemCode,ItemName,PurchasesUnitPrice,SalesUnitPrice,SalesDescription,SalesAccount\n"
                + "LAB-EL,Electrical labour,50,95,Labour per hour,200\n"
                + "LAB-NP,,10,,No sales price,200\n"
                + "LAB-GAS,,50,110,,200\n";
        JsonNode result = importCsv("", csv).getBody();
        assertThat(result.get("imported").asInt()).isEqualTo(2);
        assertThat(result.get("errors")).hasSize(1);
        assertThat(result.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(result.get("errors").get(0).get("field").asText()).isEqualTo("hourly_rate");
        Map<String, JsonNode> types = priceList();
        assertThat(types).containsOnlyKeys("Electrical labour", "LAB-GAS");
        assertThat(types.get("Electrical labour").get("xero_code").asText()).isEqualTo("LAB-EL");
        assertThat(types.get("Electrical labour").get("description").asText()).isEqualTo("Labour per hour");
    }

    @Test
    void badAndDuplicateRowsAreReportedWhileValidRowsAreImported() {
        api.post(admin, "/api/activity-types", Map.of("name", "Existing", "hourly_rate", 10, "xero_code", "EX"));
        String csv = "name,hourly_rate,xero_code\n"
                + "Good one,10,G1\n"          // row 2
                + ",10,\n"                     // row 3: no name
                + "Bad rate,ten,\n"            // row 4
                + "Too precise,1.001,\n"       // row 5
                + "good ONE,11,\n"             // row 6: duplicate name in file
                + "Other,12,G1\n"              // row 7: duplicate code in file
                + "existing,13,\n"             // row 8: exists already
                + "Negative,-1,\n"             // row 9
                + "Fine,0,\n";                 // row 10
        JsonNode result = importCsv("", csv).getBody();
        assertThat(result.get("imported").asInt()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.get("row").asInt() + ":" + e.get("field").asText()));
        assertThat(errors).containsExactly("3:name", "4:hourly_rate", "5:hourly_rate", "6:name", "7:xero_code",
                "8:name", "9:hourly_rate");
        assertThat(priceList()).containsOnlyKeys("Existing", "Good one", "Fine");
    }

    @Test
    void dryRunReportsWithoutChangingAnything() {
        long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
        JsonNode result = importCsv("?dry_run=true", "name,hourly_rate,xero_code\nA,1,\nB,x,\n").getBody();
        assertThat(result.get("dry_run").asBoolean()).isTrue();
        assertThat(result.get("imported").asInt()).isEqualTo(1);
        assertThat(result.get("errors")).hasSize(1);
        assertThat(priceList()).isEmpty();
        assertThat(jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single()).isEqualTo(events);
        // the name was not claimed either
        assertThat(importCsv("", "name,hourly_rate,xero_code\nA,1,\n").getBody().get("imported").asInt()).isEqualTo(1);
    }

    @Test
    void upsertUpdatesByCodeThenByName() {
        importCsv("", "name,hourly_rate,xero_code\nElectrical,90,E1\nPlumbing,80,\n");
        String csv = "name,hourly_rate,xero_code,description\n"
                + "Electrics,95,E1,renamed by code\n"
                + "plumbing,85,P1,matched by name\n"
                + "Roofing,70,,new\n";
        JsonNode result = importCsv("?mode=upsert", csv).getBody();
        assertThat(result.get("created").asInt()).isEqualTo(1);
        assertThat(result.get("updated").asInt()).isEqualTo(2);
        Map<String, JsonNode> types = priceList();
        assertThat(types).containsOnlyKeys("Electrics", "plumbing", "Roofing");
        assertThat(types.get("Electrics").get("hourly_rate").decimalValue()).isEqualByComparingTo("95");
        assertThat(types.get("plumbing").get("xero_code").asText()).isEqualTo("P1");
        assertProblem(importCsv("?mode=merge", csv), HttpStatus.BAD_REQUEST);
    }

    @Test
    void oneImportIsOneFeedWorthyEvent() {
        long before = importEvents();
        importCsv("", "name,hourly_rate,xero_code\nA,1,\nB,2,\nC,3,\n");
        assertThat(importEvents()).isEqualTo(before + 1);
    }

    @Test
    void notCsvOrMissingHeadersIsA400NamingTheExpectedHeaders() {
        ResponseEntity<JsonNode> headers = importCsv("", "title,price\nA,1\n");
        assertProblem(headers, HttpStatus.BAD_REQUEST);
        assertThat(headers.getBody().get("detail").asText()).contains("name, hourly_rate, xero_code");
        assertProblem(upload("", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff}),
                HttpStatus.BAD_REQUEST);
        assertProblem(importCsv("", ""), HttpStatus.BAD_REQUEST);
        assertThat(priceList()).isEmpty();
    }

    @Test
    void tooManyRowsOrBytesIsA413() {
        StringBuilder rows = new StringBuilder("name,hourly_rate,xero_code\n");
        for (int i = 0; i <= 10_000; i++) rows.append("Type ").append(i).append(",1,\n");
        assertProblem(importCsv("", rows.toString()), HttpStatus.PAYLOAD_TOO_LARGE);
        byte[] big = new byte[5 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertProblem(importCsv("", big), HttpStatus.PAYLOAD_TOO_LARGE);
        assertProblem(upload("", big), HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(priceList()).isEmpty();
    }

    @Test
    void tenThousandRowsAreImportedAndVisible() {
        StringBuilder rows = new StringBuilder("name,hourly_rate,xero_code\n");
        for (int i = 0; i < 10_000; i++) rows.append("Type ").append(i).append(",").append(i % 500).append(".25,C")
                .append(i).append('\n');
        JsonNode result = importCsv("", rows.toString()).getBody();
        assertThat(result.get("imported").asInt()).isEqualTo(10_000);
        assertThat(api.get(admin, "/api/activity-types").getBody()).hasSize(10_000);
    }

    @Test
    void onlyAdminsImport() {
        Api.User manager = Api.user(admin.orgId(), AppRole.MANAGER, "Max");
        assertProblem(api.call(manager, HttpMethod.POST, "/api/activity-types/bulk-import",
                "name,hourly_rate,xero_code\nA,1,\n".getBytes(StandardCharsets.UTF_8), CSV), HttpStatus.FORBIDDEN);
    }
}
