package org.seqlab.app.views;

import org.seqlab.app.figures.ViewId;

/** Which class shows which view: the one place a new view is registered (the compiler asks for every id). */
final class Views {

    private Views() {
    }

    static LabView create(ViewId id, ViewContext context) {
        return switch (id) {
            case SAMPLES -> new SamplesView(context);
            case GRADIENT -> new GradientView(context);
            case COSTS -> new CostsView(context);
            case LENGTH -> new LengthView(context);
            case METRICS -> new MetricsView(context);
            case TUTOR -> new TutorView(context);
            case KL -> new KlView(context);
            case HIDDEN -> new HiddenView(context);
            case GATES -> new GatesView(context);
            case ATTENTION -> new AttentionView(context);
            case MASK -> new MaskView(context);
            case QUERY -> new QueryView(context);
            case POSITIONS -> new PositionsView(context);
            case PERMUTE -> new PermuteView(context);
            case STACK -> new StackView(context);
            case MASKS -> new MasksView(context);
            case FIELD -> new FieldView(context);
            case DRAWING -> new DrawingView(context);
            case ANOMALY -> new AnomalyView(context);
            case DECODING -> new DecodingView(context);
            case BEAM -> new BeamView(context);
            case EXPOSURE -> new ExposureView(context);
            case STRATEGIES -> new StrategiesView(context);
            case ABLATE -> new AblateView(context);
            case PATCHING -> new PatchingView(context);
            case LENS -> new LensView(context);
            case HEADS -> new HeadsView(context);
        };
    }
}
