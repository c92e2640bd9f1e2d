package com.fieldops.command.activitytype;

import com.fieldops.platform.problem.PayloadTooLarge;
import com.fieldops.platform.problem.RuleViolation;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a price-list CSV: our own columns ({@code name, hourly_rate, xero_code}, optional {@code description,
 * enabled}) or an Items export from Xero ({@code *ItemCode, ItemName, SalesUnitPrice, SalesDescription}), told apart
 * by the header. UTF-8 with or without BOM, CRLF or LF, RFC 4180 quoting (commas, quotes, newlines in fields).
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
 */
public final class ActivityTypeCsv {

    public static final long MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 10_000;
    public static final String EXPECTED_HEADERS = "name, hourly_rate, xero_code (optional: description, enabled), "
            + "or a Xero Items export (*ItemCode, ItemName, SalesUnitPrice, SalesDescription)";

    private ActivityTypeCsv() {
    }

    public enum Format { FIELDOPS, XERO_ITEMS }

    /** One data row as text, before the rules; {@code row} is its spreadsheet row number. */
    public record Row(int row, String name, String hourlyRate, String xeroCode, String description, String enabled) {
    }

    public record Parsed(Format format, List<Row> rows) {
    }

    public static Parsed parse(byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new PayloadTooLarge("the CSV is larger than 5 MB");
        }
        String text = decode(content);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.isBlank()) throw notCsv("the file is empty");
        CSVFormat csv = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
            List<Row> rows = new ArrayList<>();
            Format format = null;
            Map<String, Integer> columns = null;
            int spreadsheetRow = 0;
            for (CSVRecord record : parser) {
                spreadsheetRow++;
                if (columns == null) {
                    columns = columns(record);
                    format = formatOf(columns);
                    continue;
                }
                if (isBlank(record)) continue;
                if (rows.size() == MAX_ROWS) {
                    throw new PayloadTooLarge("the CSV has more than " + MAX_ROWS + " data rows");
                }
                rows.add(format == Format.XERO_ITEMS ? xeroRow(spreadsheetRow, record, columns)
                        : fieldOpsRow(spreadsheetRow, record, columns));
            }
            if (columns == null) throw notCsv("the file has no header row");
            return new Parsed(format, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw notCsv("the file is not valid CSV (" + e.getMessage() + ")");
        }
    }

    private static Row fieldOpsRow(int row, CSVRecord record, Map<String, Integer> columns) {
        return new Row(row, value(record, columns, "name"), value(record, columns, "hourly_rate"),
                value(record, columns, "xero_code"), value(record, columns, "description"),
                value(record, columns, "enabled"));
    }

    /** An item without a name takes its code as the name: Xero allows nameless items, our price list does not. */
    private static Row xeroRow(int row, CSVRecord record, Map<String, Integer> columns) {
        String code = value(record, columns, "itemcode");
        String name = value(record, columns, "itemname");
        return new Row(row, name == null || name.isBlank() ? code : name, value(record, columns, "salesunitprice"),
                code, value(record, columns, "salesdescription"), null);
    }

    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().replaceFirst("^\\*", "").toLowerCase(Locale.ROOT).replace(' ', '_');
            columns.putIfAbsent(name, i);
        }
        return columns;
    }

    private static Format formatOf(Map<String, Integer> columns) {
        if (columns.containsKey("itemcode")) {
            if (!columns.containsKey("salesunitprice")) {
                throw notCsv("a Xero Items export needs the SalesUnitPrice column; expected headers: " + EXPECTED_HEADERS);
            }
            return Format.XERO_ITEMS;
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("name", "hourly_rate", "xero_code")) {
            if (!columns.containsKey(required)) missing.add(required);
        }
        if (!missing.isEmpty()) {
            throw notCsv("missing header(s) " + String.join(", ", missing) + "; expected headers: " + EXPECTED_HEADERS);
        }
        return Format.FIELDOPS;
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null || index >= record.size() ? null : record.get(index);
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) return false;
        }
        return true;
    }

    /** Strict UTF-8: a binary upload (a spreadsheet, an image) is refused rather than read as garbage. */
    private static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            if (text.indexOf('\0') >= 0) throw notCsv("the file is binary, not CSV text");
            return text;
        } catch (CharacterCodingException e) {
            throw notCsv("the file is not UTF-8 CSV text");
        }
    }

    private static RuleViolation notCsv(String message) {
        return RuleViolation.invalid("file", message);
    }
}
