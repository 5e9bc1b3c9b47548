package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** A folder of one's own images as pixel data: scaled, binarised whatever the paper, split, trained on; bad folders named. */
class ImageFoldersTest {

    /** A 60×60 image with a vertical bar in the left third: dark on light, or light on dark. */
    static void bar(Path file, boolean darkInk, String format) throws Exception {
        BufferedImage img = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(darkInk ? Color.WHITE : Color.BLACK);
        g.fillRect(0, 0, 60, 60);
        g.setColor(darkInk ? Color.BLACK : Color.WHITE);
        g.fillRect(10, 5, 10, 50);
        g.dispose();
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void aFolderOfImagesBecomesBinaryPixelsWithTheStrokesAsInk(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 24; i++) {
            bar(dir.resolve(String.format("img%02d.png", i)), i % 2 == 0, "png");
        }
        bar(dir.resolve("photo.jpg"), true, "jpg");
        Files.writeString(dir.resolve("notes.png"), "not an image at all");
        Files.writeString(dir.resolve("readme.txt"), "ignored: not named as an image");
        DigitsCorpus d = ImageFolders.load(dir, 14, "images-14:" + dir);
        assertThat(d.count()).isEqualTo(25);
        assertThat(d.trainCount()).isEqualTo(23);
        assertThat(d.imageShape()).isEqualTo(new ImageShape(14, 14));
        assertThat(d.description()).contains("1 files skipped");
        for (int i = 0; i < d.count(); i++) {
            int[] px = d.image(i);
            // the bar (columns 2–4 of 14) is ink and the paper is not, dark ink on white or white ink on black alike
            assertThat(px[7 * 14 + 3]).as("image %d, in the bar", i).isEqualTo(1);
            assertThat(px[7 * 14 + 10]).as("image %d, on the paper", i).isZero();
            assertThat(px[0]).isZero();
        }
        assertThat(d.examples()).hasSize(2).allSatisfy(s -> assertThat(s).hasSize(196).matches("[01]+"));

        // and a PixelCNN trains on it
        Engine.start();
        TrainingSession s = new TrainingSession(d, new TrainConfig(4, 196, 1, 5, 1),
                List.of(new RunConfig(ModelConfig.pixelCnn(false, 8, 2, 3, 14, 14), OptimizerConfig.defaults())));
        for (int i = 0; i < 5; i++) {
            s.trainStep();
        }
        assertThat(s.stepsTaken()).isEqualTo(5);
    }

    /** A link is never opened, wherever it points; a huge image is subsampled while decoding; the folder's pixels are bounded. */
    @Test
    void linksAreSkippedLargeImagesSubsampledAndTheFoldersPixelsBounded(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        for (int i = 0; i < 20; i++) {
            bar(folder.resolve("img" + i + ".png"), true, "png");
        }
        Path outside = dir.resolve("secret.png");
        bar(outside, false, "png");
        Files.createSymbolicLink(folder.resolve("link.png"), outside);
        Files.createSymbolicLink(folder.resolve("shadow.png"), Path.of("/etc/shadow"));
        DigitsCorpus d = ImageFolders.load(folder, 14, "images-14:" + folder);
        assertThat(d.count()).as("the two links are not read").isEqualTo(20);
        assertThat(d.description()).contains("2 files skipped");

        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY);
        Path bigFile = dir.resolve("big.png");
        ImageIO.write(big, "png", bigFile.toFile());
        BufferedImage decoded = ImageFolders.read(bigFile, 28);
        assertThat(decoded.getWidth()).as("subsampled while decoding").isLessThanOrEqualTo(4 * 28 + 1);
        assertThat(ImageFolders.declaredPixels(bigFile)).isEqualTo(12_000_000L);
    }

    @Test
    void badFoldersAreNamedInOneSentence(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ImageFolders.load(dir.resolve("missing"), 28, "x")).isInstanceOf(DataException.class)
                .hasMessageContaining("is not a folder");
        for (int i = 0; i < 5; i++) {
            bar(dir.resolve("a" + i + ".png"), true, "png");
        }
        Files.writeString(dir.resolve("fake.png"), "text");
        assertThatThrownBy(() -> ImageFolders.load(dir, 28, "x")).isInstanceOf(DataException.class)
                .hasMessageContaining("has 5 images SeqLab can read").hasMessageContaining("at least 20")
                .hasMessageContaining("fake.png");
        // dimensions come from the header, before anything is decoded
        BufferedImage wide = new BufferedImage(ImageFolders.MAX_SIDE + 1, 1, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(wide, "png", dir.resolve("wide.png").toFile());
        assertThatThrownBy(() -> ImageFolders.read(dir.resolve("wide.png"), 28)).isInstanceOf(DataException.class)
                .hasMessageContaining("8193×1 pixels");
        assertThatThrownBy(() -> ImageFolders.load(Path.of("/"), 28, "images:/")).isInstanceOf(DataException.class)
                .hasMessageStartingWith("/ has 0 images");
        assertThatThrownBy(() -> DataSources.open("images:")).isInstanceOf(DataException.class)
                .hasMessage("images:DIR needs the folder to read, e.g. images:/home/me/digits");
        assertThat(DataSources.isImages("images-14:" + dir)).isTrue();
        assertThat(DataSources.isImages("names")).isFalse();
    }
}
