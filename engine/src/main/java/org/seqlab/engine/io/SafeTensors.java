package org.seqlab.engine.io;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face's, read by PyTorch without pickle): an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data. SeqLab writes float32
 * tensors in the order given, with string metadata under {@code __metadata__}.
 */
public final class SafeTensors {

    /** A float32 tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("a tensor of shape " + java.util.Arrays.toString(shape) + " holds " + n + " values, not "
                        + values.length);
            }
        }
    }

    /** The largest file read: far above SeqLab's models, and it keeps a bad file from filling the heap. */
    public static final long MAX_FILE = 1L << 30;
    /** The largest JSON header read (real ones are a few kilobytes). */
    public static final int MAX_HEADER = 16 << 20;

    /** A file read back: its tensors as float32, in the header's order, and its string metadata. */
    public record Read(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /**
     * Reads a .safetensors file, which is untrusted: its size, its header's length, every tensor's dtype (F32, F16, BF16,
     * F64), shape and byte range are checked against the file before anything is allocated; F16, BF16 and F64 become F32.
     *
     * @throws DataException saying in one sentence what is wrong
     */
    public static Read read(Path file) throws DataException {
        String name = file.getFileName().toString();
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw DataException.says("safetensors.couldNotRead", name, e);
        }
        if (size > MAX_FILE) {
            throw DataException.says("safetensors.isSeqlabReadsCheckpoints", name, Bytes.describe(size), Bytes.describe(MAX_FILE));
        }
        if (size < 10) {
            throw DataException.says("safetensors.isNotSafetensorsFile", name);
        }
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, head, 0);
            long headerLength = head.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw DataException.says("safetensors.isNotSafetensorsFile2", name, headerLength);
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLength);
            readFully(channel, json, 8);
            com.google.gson.JsonObject header;
            try {
                header = com.google.gson.JsonParser.parseString(new String(json.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw DataException.says("safetensors.isNotSafetensorsFile3", name);
            }
            long data = size - 8 - headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, long[]> ranges = new LinkedHashMap<>();
            Map<String, String> dtypes = new LinkedHashMap<>();
            for (var e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (!e.getValue().isJsonObject()) {
                        throw DataException.says("safetensors.metadataIsNotObject", name);
                    }
                    for (var m : e.getValue().getAsJsonObject().entrySet()) {
                        if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                            throw DataException.says("safetensors.metadataEntryIsNot", name, m.getKey());
                        }
                        metadata.put(m.getKey(), m.getValue().getAsString());
                    }
                    continue;
                }
                String t = e.getKey();
                try {
                    var o = e.getValue().getAsJsonObject();
                    String dtype = o.get("dtype").getAsString();
                    int item = switch (dtype) {
                        case "F32" -> 4;
                        case "F16", "BF16" -> 2;
                        case "F64" -> 8;
                        default -> throw DataException.says("safetensors.tensorIsSeqlabReads", name, t, dtype);
                    };
                    var dims = o.getAsJsonArray("shape");
                    long[] shape = new long[dims.size()];
                    long count = 1;
                    for (int i = 0; i < shape.length; i++) {
                        shape[i] = dims.get(i).getAsLong();
                        if (shape[i] < 0 || shape[i] > MAX_FILE) {
                            throw DataException.says("safetensors.tensorHasDimensionOf", name, t, shape[i]);
                        }
                        count = Math.multiplyExact(count, shape[i]);
                    }
                    var offsets = o.getAsJsonArray("data_offsets");
                    long a = offsets.get(0).getAsLong();
                    long b = offsets.get(1).getAsLong();
                    if (a < 0 || b < a || b > data) {
                        throw DataException.says("safetensors.tensorBytesLieOutside", name, t, a, b, data);
                    }
                    if (b - a != count * item) {
                        throw DataException.says("safetensors.tensorOfShapeNeeds", name, t, java.util.Arrays.toString(shape), count * item, dtype, b - a);
                    }
                    shapes.put(t, shape);
                    ranges.put(t, new long[] {a, b});
                    dtypes.put(t, dtype);
                } catch (DataException d) {
                    throw d;
                } catch (RuntimeException r) {
                    throw DataException.says("safetensors.headerEntryForIs", name, t);
                }
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String t : shapes.keySet()) {
                long[] r = ranges.get(t);
                ByteBuffer bytes = ByteBuffer.allocate((int) (r[1] - r[0])).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, bytes, 8 + headerLength + r[0]);
                bytes.flip();
                tensors.put(t, new Tensor(shapes.get(t), floats(bytes, dtypes.get(t))));
            }
            return new Read(tensors, metadata);
        } catch (IOException e) {
            throw DataException.says("safetensors.couldNotRead", name, e);
        } catch (ArithmeticException e) {
            throw DataException.says("safetensors.tensorShapeIsToo", name);
        }
    }

    /** IEEE 754 half precision to float (JDK 17 has no Float.float16ToFloat). */
    static float half(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f;                                   // zero and the subnormals
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));  // infinities and NaN
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(java.nio.channels.FileChannel channel, ByteBuffer into, long at) throws IOException {
        long position = at;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new IOException("the file ends early");
            }
            position += n;
        }
    }

    private static float[] floats(ByteBuffer b, String dtype) {
        int n = b.remaining() / switch (dtype) {
            case "F32" -> 4;
            case "F64" -> 8;
            default -> 2;
        };
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case "F32" -> b.getFloat();
                case "F64" -> (float) b.getDouble();
                case "F16" -> half(b.getShort());
                default -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);   // BF16: the top half of a float
            };
        }
        return out;
    }

    /** Writes the tensors (atomically: the file holds the old content or the new, never a mix). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            long bytes = 4L * e.getValue().values().length;
            header.put(e.getKey(), Map.of("dtype", "F32", "shape", e.getValue().shape(), "data_offsets", List.of(offset, offset + bytes)));
            offset += bytes;
        }
        byte[] json = new Gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        // the data starts 8-byte aligned, as the format recommends: the header is padded with spaces
        int padded = (json.length + 7) / 8 * 8;
        AtomicFile.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                for (float v : t.values()) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(v);
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        });
    }
}
