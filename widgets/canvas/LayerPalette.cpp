#include "LayerPalette.h"

#include "CanvasView.h"

#include <QMimeData>

namespace layerlab::widgets::canvas {

LayerPalette::LayerPalette(QWidget* parent) : QListWidget(parent) {
    struct Entry {
        QString label, key, tip;
        NodeKind kind;
    };
    const Entry entries[] = {
        {tr("Dense layer"), QStringLiteral("dense"), tr("Fully connected neurons with an activation (16 ReLU by default)"), NodeKind::Dense},
        {tr("Activation"), QStringLiteral("activation"), tr("A function applied to every value (ReLU, tanh, ...)"), NodeKind::Activation},
        {tr("Dropout"), QStringLiteral("dropout"), tr("Zeroes a random share of values while training, against overfitting"), NodeKind::Dropout},
        {tr("SimpleRNN"), QStringLiteral("rnn"), tr("Reads a sequence step by step with a tanh state (needs a sequence input: Data tab)"), NodeKind::Rnn},
        {tr("GRU"), QStringLiteral("gru"), tr("Gated recurrent unit: a state with update and reset gates over a sequence (Data tab: characters or a window)"), NodeKind::Gru},
        {tr("LSTM"), QStringLiteral("lstm"), tr("Long short-term memory: a gated state and memory cell over a sequence (Data tab: characters or a window)"), NodeKind::Lstm},
        {tr("BatchNorm"), QStringLiteral("batchnorm"), tr("Normalizes each value over the batch while training (running statistics at inference), then a learned scale and shift"), NodeKind::BatchNorm},
        {tr("LayerNorm"), QStringLiteral("layernorm"), tr("Normalizes each row over its values, then a learned scale and shift"), NodeKind::LayerNorm},
        {tr("Add (residual)"), QStringLiteral("add"), tr("Sums two or more layers of equal width: drag another layer's right dot onto it (a skip connection)"), NodeKind::Add},
        {tr("Concatenate"), QStringLiteral("concat"), tr("Puts two or more layers side by side (widths add): drag other layers' right dots onto it"), NodeKind::Concat},
        {tr("Columns (input group)"), QStringLiteral("columns"), tr("A branch reading some of the input's columns (choose them in the inspector): wide-and-deep designs"), NodeKind::Columns},
        {tr("Embedding"), QStringLiteral("embedding"), tr("Learned values for each level of a factor (encoding: embedding in the Data tab); put it after a Columns group"), NodeKind::Embedding},
    };
    for (const auto& e : entries) {
        auto* item = new QListWidgetItem(e.label, this);
        item->setData(Qt::UserRole, e.key);
        item->setData(Qt::UserRole + 1, static_cast<int>(e.kind));
        item->setToolTip(e.tip + tr("\nClick to add after the selected layer, or drag onto the canvas."));
    }
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMaximumHeight(260);
    setToolTip(tr("Layer palette: click to add, or drag onto the canvas"));
    connect(this, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT addRequested(static_cast<NodeKind>(item->data(Qt::UserRole + 1).toInt())); });
}

QStringList LayerPalette::mimeTypes() const { return {QLatin1String(CanvasView::kLayerMime)}; }

QMimeData* LayerPalette::mimeData(const QList<QListWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(QLatin1String(CanvasView::kLayerMime), items.first()->data(Qt::UserRole).toString().toUtf8());
    return mime;
}

} // namespace layerlab::widgets::canvas
