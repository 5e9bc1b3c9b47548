package org.seqlab.app.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.lessons.LessonParser;
import org.seqlab.app.lessons.LessonProblem;
import org.seqlab.app.lessons.Scene;

/**
 * The start board, over the views when SeqLab opens: a few demos, each a scene that sets the lab up and trains at once
 * ("watch attention find the pattern"), while the default models already train behind it. One click, or Esc, and
 * it is gone; the Help menu brings it back.
 */
final class StartBoard extends VBox {

    /** A demo: its button's words, what it shows, and the scene (in the lessons' own format) that sets it up. */
    record Demo(String title, String what, String scene) {
    }

    static final List<Demo> DEMOS = List.of(
            new Demo("Watch attention find the pattern", "A Transformer learns to repeat: see each query learn where to look.", """
                    label: Watch attention find the pattern
                    data: synthetic:repeat
                    models:
                      - family: transformer
                        hidden: 64
                        layers: 2
                        heads: 4
                    train: 1500
                    view: attention
                    """),
            new Demo("See the gradient vanish", "An RNN and an LSTM must recall a letter 10 to 20 steps back: which one can?", """
                    label: See the gradient vanish
                    data: synthetic:recall
                    models:
                      - family: rnn
                        hidden: 96
                      - family: lstm
                        hidden: 96
                    train: 1000
                    view: gradient
                    inspect: "c...............?c"
                    point: Both gradients fall going back; the RNN's faster (under 1 % left 16 steps back), and it forgets the cue the LSTM recalls
                    expect:
                      - recall(B) > 0.9
                      - recall(A) < 0.5
                      - grad_ratio(A, 16) < 0.01
                      - grad_ratio(B, 16) > 2 * grad_ratio(A, 16)
                    """),
            new Demo("Find the PixelCNN's blind spot", "Which pixels can a PixelCNN see? The gated one sees them all.", """
                    label: Find the PixelCNN's blind spot
                    data: digits-14
                    models:
                      - family: pixelcnn
                        hidden: 32
                      - family: gated-pixelcnn
                        hidden: 32
                    train: 200
                    view: field
                    """),
            new Demo("Decode step by step", "An LSTM writes names: see greedy, temperature, top-k and top-p choose each letter.", """
                    label: Decode step by step
                    data: names
                    models:
                      - family: lstm
                        hidden: 128
                    train: 1000
                    view: decoding
                    """));

    /** The width of a card's text: two cards side by side fit a 1024-pixel window. */
    private static final double CARD_TEXT = 340;

    StartBoard(Shell window) {
        super(10);
        setId("startBoard");
        getStyleClass().add("start-board");
        setPadding(new Insets(16, 20, 18, 20));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        Label title = new Label("Start here: pick a demo, it sets up the lab and trains at once");
        title.getStyleClass().add("start-board-title");
        title.setWrapText(true);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("closeStartBoard");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close (Esc); Help → Start board brings it back"));
        close.setOnAction(e -> window.showStartBoard(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        FlowPane cards = new FlowPane(12, 12);
        cards.setPrefWrapLength(2 * CARD_TEXT + 60);
        List<Scene> scenes = scenes();
        for (int i = 0; i < DEMOS.size(); i++) {
            Demo d = DEMOS.get(i);
            Scene scene = scenes.get(i);
            Button card = new Button(d.title() + "\n" + d.what());
            card.setId("demo" + (i + 1));
            card.getStyleClass().add("start-board-card");
            card.setWrapText(true);
            card.setPrefWidth(CARD_TEXT + 24);
            card.setMinHeight(Region.USE_PREF_SIZE);
            card.setMaxHeight(Region.USE_PREF_SIZE);
            card.setAlignment(Pos.TOP_LEFT);
            card.setOnAction(e -> {
                window.showStartBoard(false);
                // the demo's point, measured once it has trained, stays in the status bar
                window.runScene(scene, msg -> window.lab().noticeProperty().set(msg)).thenAccept(measured -> {
                    if (measured != null) {
                        var v = measured.verdict();
                        window.lab().noticeProperty().set((v.met() ? "✓ " : "✗ Not shown yet: ") + v.says() + ".");
                    }
                });
            });
            cards.getChildren().add(card);
        }
        Label below = new Label("Meanwhile an RNN and an LSTM are learning a small grammar above · Space pauses · F2 opens the lessons");
        below.getStyleClass().add("start-board-what");
        below.setWrapText(true);
        below.setPrefWidth(2 * CARD_TEXT + 36);
        below.setMinHeight(Region.USE_PREF_SIZE);
        title.setPrefWidth(2 * CARD_TEXT - 20);
        title.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(top, cards, below);
    }

    /** The demos' scenes, checked as a lesson's are (a broken one is a bug: the test of this board reads them all). */
    static List<Scene> scenes() {
        List<Scene> out = new ArrayList<>();
        for (Demo d : DEMOS) {
            List<LessonProblem> problems = new ArrayList<>();
            Scene s = LessonParser.parseScene(d.scene(), "start board: " + d.title(), null, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the demo '" + d.title() + "' is not a valid scene: " + problems);
            }
            out.add(s);
        }
        return out;
    }
}
