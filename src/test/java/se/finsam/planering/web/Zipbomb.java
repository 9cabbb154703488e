package se.finsam.planering.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Builds .xlsx files whose one sheet unpacks to a single enormous text cell, as an attacker would: a valid
 * workbook of a few kilobytes whose {@code xl/worksheets/sheet1.xml} is packed with bzip2 (zip method 12) or
 * with deflate.
 *
 * <p>The bzip2 stream is put together from separately packed blocks: a bzip2 block holds about 45 MB of one
 * repeated letter in a few dozen bytes, and blocks follow each other bit by bit, so the same packed block is
 * written again and again and the stream's combined checksum is computed from the blocks' own checksums. That
 * takes a second where packing the gigabyte would take half a minute.
 */
final class Zipbomb {

    static final String SHEET_START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
    static final String SHEET_END = "</t></is></c></row></sheetData></worksheet>";
    private static final int BLOCK_LETTERS = 40 * 1024 * 1024;

    private Zipbomb() {
    }

    /** The number of letters in the cell of {@link #bzip2(int)} with {@code blocks} middle blocks. */
    static long letters(int blocks) {
        return (long) blocks * BLOCK_LETTERS;
    }

    /** An .xlsx whose sheet is bzip2-packed and unpacks to {@code blocks} × 40 MiB letters in one cell. */
    static byte[] bzip2(int blocks) {
        byte[] start = SHEET_START.getBytes(StandardCharsets.UTF_8);
        byte[] end = SHEET_END.getBytes(StandardCharsets.UTF_8);
        byte[] letters = new byte[BLOCK_LETTERS];
        Arrays.fill(letters, (byte) 'A');
        Block first = Block.of(start);
        Block middle = Block.of(letters);
        Block last = Block.of(end);
        Bits out = new Bits();
        out.bytes("BZh9".getBytes(StandardCharsets.US_ASCII));
        int combined = 0;
        List<Block> order = new ArrayList<>();
        order.add(first);
        for (int i = 0; i < blocks; i++) {
            order.add(middle);
        }
        order.add(last);
        for (Block b : order) {
            out.copy(b.stream, 32, b.endBit);
            combined = ((combined << 1) | (combined >>> 31)) ^ b.crc;
        }
        out.write(0x177245385090L, 48);
        out.write(combined & 0xFFFFFFFFL, 32);
        CRC32 crc = new CRC32();
        crc.update(start);
        for (int i = 0; i < blocks; i++) {
            crc.update(letters);
        }
        crc.update(end);
        long size = start.length + letters(blocks) + end.length;
        return workbook(new Part("xl/worksheets/sheet1.xml", 12, out.toByteArray(), crc.getValue(), size));
    }

    /** An .xlsx whose sheet is deflate-packed and unpacks to {@code megabytes} MiB letters in one cell. */
    static byte[] deflate(int megabytes) {
        byte[] start = SHEET_START.getBytes(StandardCharsets.UTF_8);
        byte[] end = SHEET_END.getBytes(StandardCharsets.UTF_8);
        byte[] letters = new byte[1024 * 1024];
        Arrays.fill(letters, (byte) 'A');
        Deflater deflater = new Deflater(9, true);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        try (DeflaterOutputStream d = new DeflaterOutputStream(packed, deflater, 64 * 1024)) {
            d.write(start);
            crc.update(start);
            for (int i = 0; i < megabytes; i++) {
                d.write(letters);
                crc.update(letters);
            }
            d.write(end);
            crc.update(end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deflater.end();
        long size = start.length + (long) megabytes * letters.length + end.length;
        return workbook(new Part("xl/worksheets/sheet1.xml", 8, packed.toByteArray(), crc.getValue(), size));
    }

    /** An ordinary .xlsx (sheet packed with deflate) with the given sheet XML. */
    static byte[] medBlad(String sheetXml) {
        byte[] xml = sheetXml.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(packed, new Deflater(9, true))) {
            d.write(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CRC32 crc = new CRC32();
        crc.update(xml);
        return workbook(new Part("xl/worksheets/sheet1.xml", 8, packed.toByteArray(), crc.getValue(), xml.length));
    }

    private record Part(String name, int method, byte[] data, long crc, long size) {
        static Part stored(String name, String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(b);
            return new Part(name, 0, b, crc.getValue(), b.length);
        }
    }

    private static byte[] workbook(Part sheet) {
        List<Part> parts = List.of(
                Part.stored("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "</Types>"),
                Part.stored("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        + "</Relationships>"),
                Part.stored("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
                Part.stored("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                        + "</Relationships>"),
                sheet);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Part p : parts) {
            byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
            int version = p.method() == 12 ? 46 : 20;
            int offset = zip.size();
            ByteBuffer local = le(30 + name.length);
            local.putInt(0x04034b50).putShort((short) version).putShort((short) 0).putShort((short) p.method())
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) p.crc()).putInt(p.data().length)
                    .putInt((int) p.size()).putShort((short) name.length).putShort((short) 0).put(name);
            zip.writeBytes(local.array());
            zip.writeBytes(p.data());
            ByteBuffer entry = le(46 + name.length);
            entry.putInt(0x02014b50).putShort((short) version).putShort((short) version).putShort((short) 0)
                    .putShort((short) p.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) p.crc())
                    .putInt(p.data().length).putInt((int) p.size()).putShort((short) name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt(offset).put(name);
            central.writeBytes(entry.array());
        }
        int centralOffset = zip.size();
        zip.writeBytes(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) parts.size())
                .putShort((short) parts.size()).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        zip.writeBytes(end.array());
        return zip.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** One bzip2 block: a whole one-block stream, where its block ends, and the block's checksum. */
    private record Block(byte[] stream, long endBit, int crc) {
        static Block of(byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, 9)) {
                bz.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] s = out.toByteArray();
            long total = s.length * 8L;
            for (int pad = 0; pad < 8; pad++) {
                long eos = total - pad - 80;
                if (bits(s, eos, 48) == 0x177245385090L && bits(s, eos + 48, 32) == bits(s, 80, 32)) {
                    if (bits(s, 32, 48) != 0x314159265359L) {
                        throw new IllegalStateException("not one bzip2 block");
                    }
                    return new Block(s, eos, (int) bits(s, 80, 32));
                }
            }
            throw new IllegalStateException("end of bzip2 stream not found");
        }
    }

    private static long bits(byte[] s, long from, int count) {
        long v = 0;
        for (int i = 0; i < count; i++) {
            long bit = from + i;
            v = (v << 1) | ((s[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1);
        }
        return v;
    }

    /** A bit writer, most significant bit first, as bzip2 writes. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int filled;

        void write(long value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                current = (current << 1) | (int) ((value >>> i) & 1);
                if (++filled == 8) {
                    out.write(current);
                    current = 0;
                    filled = 0;
                }
            }
        }

        void bytes(byte[] b) {
            for (byte x : b) {
                write(x & 0xFF, 8);
            }
        }

        void copy(byte[] s, long from, long to) {
            for (long bit = from; bit < to; bit++) {
                write((s[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1, 1);
            }
        }

        byte[] toByteArray() {
            if (filled > 0) {
                write(0, 8 - filled);
            }
            return out.toByteArray();
        }
    }
}
