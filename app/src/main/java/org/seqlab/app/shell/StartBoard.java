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
import org.seqlab.app.lessons.Demos;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.text.Texts;

/**
 * The start board, over the views when SeqLab opens: a few demos, each a scene that sets the lab up and trains at once
 * ("watch attention find the pattern"), while the default models already train behind it. One click, or Esc, and
 * it is gone; the Help menu brings it back.
 */
final class StartBoard extends VBox {


    /** The width of a card's text: two cards side by side fit a 1024-pixel window. */
    private static final double CARD_TEXT = 340;

    StartBoard(Shell window) {
        super(10);
        setId("startBoard");
        getStyleClass().add("start-board");
        setPadding(new Insets(16, 20, 18, 20));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        Label title = new Label(Texts.get("start.title"));
        title.getStyleClass().add("start-board-title");
        title.setWrapText(true);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("closeStartBoard");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip(Texts.get("start.close.tip")));
        close.setOnAction(e -> window.showStartBoard(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        FlowPane cards = new FlowPane(12, 12);
        cards.setPrefWrapLength(2 * CARD_TEXT + 60);
        List<Scene> scenes = Demos.scenes();
        for (int i = 0; i < Demos.DEMOS.size(); i++) {
            Demos.Demo d = Demos.DEMOS.get(i);
            Scene scene = scenes.get(i);
            String point = "demo." + (i + 1) + ".point";
            Button card = new Button(Texts.orElse("demo." + (i + 1) + ".title", d.title()) + "\n" + Texts.orElse("demo." + (i + 1) + ".what", d.what()));
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
                        window.lab().noticeProperty().set(Texts.get(v.met() ? "verdict.met" : "verdict.notYet", Texts.orElse(point, v.says())));
                    }
                });
            });
            cards.getChildren().add(card);
        }
        Label below = new Label(Texts.get("start.below"));
        below.getStyleClass().add("start-board-what");
        below.setWrapText(true);
        below.setPrefWidth(2 * CARD_TEXT + 36);
        below.setMinHeight(Region.USE_PREF_SIZE);
        title.setPrefWidth(2 * CARD_TEXT - 20);
        title.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(top, cards, below);
    }
}
