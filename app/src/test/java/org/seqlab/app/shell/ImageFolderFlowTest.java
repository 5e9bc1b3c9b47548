package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A folder of one's own images in the lab: the models turn into PixelCNNs, Apply builds them, they train; a bad folder is named. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ImageFolderFlowTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1400, 900);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void aFolderOfImagesTrainsPixelCnnsAndABadOneIsNamed(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("seqlab-images");
        for (int i = 0; i < 22; i++) {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 40, 40);
            g.setColor(Color.BLACK);
            g.fillOval(5 + i % 7, 8, 20, 24);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve("drawing" + i + ".png").toFile());
        }
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        robot.interact(() -> lab.data.set("images-14:" + dir));
        await(() -> lab.runs.stream().allMatch(r -> r.family.get().image()));   // text models give way to PixelCNNs
        robot.interact(lab::apply);
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().data() != null && lab.snapshot().data().name().startsWith("images-14:"));
        assertThat(lab.snapshot().runs()).allSatisfy(r -> assertThat(r.config().model().family()).isIn(Family.PIXELCNN, Family.GATED_PIXELCNN));
        assertThat(lab.snapshot().runs().get(0).config().model().height()).isEqualTo(14);
        robot.interact(() -> lab.trainUntil(3));
        await(() -> lab.snapshot().step() == 3 && lab.snapshot().phase() == Phase.PAUSED);

        Path few = Files.createTempDirectory("seqlab-few");
        Files.copy(dir.resolve("drawing0.png"), few.resolve("only.png"));
        robot.interact(() -> {
            lab.data.set("images-14:" + few);
            lab.apply();
        });
        await(() -> lab.settingsErrorProperty().get().contains("needs at least 20") || lab.noticeProperty().get().contains("needs at least 20"));
        assertThat(lab.snapshot().step()).as("the trained models stay").isEqualTo(3);
    }
}
