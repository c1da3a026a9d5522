package io.iotconsole.order;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.iotconsole.organization.Organization;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** The invoice of a completed order, drawn as an A4 PDF. */
final class InvoicePdf {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 20);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

    private InvoicePdf() {}

    /** Invoice numbers follow the organisation's account number and the order's number. */
    static String number(Organization org, SimOrder order) {
        return "INV-" + org.accountNumber() + "-" + order.number();
    }

    static byte[] render(String issuer, Organization org, SimOrder order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Invoice " + number(org, order));
        doc.addCreator(issuer);
        doc.open();
        doc.add(new Paragraph(issuer, BOLD));
        doc.add(new Paragraph("Invoice " + number(org, order), TITLE));
        doc.add(new Paragraph(
                "Issued " + DATE.format(Objects.requireNonNull(order.closedAt())) + " for order " + order.number()
                        + " of " + DATE.format(order.placedAt()),
                TEXT));
        doc.add(new Paragraph(" ", TEXT));
        doc.add(new Paragraph("Bill to", BOLD));
        doc.add(new Paragraph(org.legalName() != null ? org.legalName() : org.name(), TEXT));
        doc.add(new Paragraph("Account " + org.accountNumber(), TEXT));
        String address = org.billingAddress() != null ? org.billingAddress() : org.address();
        if (address != null) {
            doc.add(new Paragraph(address, TEXT));
        }
        doc.add(new Paragraph(" ", TEXT));

        PdfPTable lines = new PdfPTable(new float[] {5, 1.2f, 1.6f, 1.8f});
        lines.setWidthPercentage(100);
        for (String heading : new String[] {"Item", "Quantity", "Unit price", "Amount"}) {
            lines.addCell(cell(heading, BOLD, heading.equals("Item") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
        }
        lines.addCell(
                cell("SIM cards, ICCID " + order.firstIccid() + " to " + order.lastIccid(), TEXT, Element.ALIGN_LEFT));
        lines.addCell(cell(String.valueOf(order.quantity()), TEXT, Element.ALIGN_RIGHT));
        lines.addCell(cell(money(order.unitPrice(), order.currency()), TEXT, Element.ALIGN_RIGHT));
        lines.addCell(cell(money(order.total(), order.currency()), TEXT, Element.ALIGN_RIGHT));
        PdfPCell totalLabel = cell("Total", BOLD, Element.ALIGN_RIGHT);
        totalLabel.setColspan(3);
        lines.addCell(totalLabel);
        lines.addCell(cell(money(order.total(), order.currency()), BOLD, Element.ALIGN_RIGHT));
        doc.add(lines);
        doc.close();
        return out.toByteArray();
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(6);
        return cell;
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }
}
