#include "CanvasView.h"

#include "NetworkScene.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QWheelEvent>

#include <cmath>

namespace layerlab::widgets::canvas {

namespace {
std::optional<NodeKind> kindFromMime(const QMimeData* mime) {
    if (!mime || !mime->hasFormat(QLatin1String(CanvasView::kLayerMime))) return std::nullopt;
    const QByteArray kind = mime->data(QLatin1String(CanvasView::kLayerMime));
    if (kind == "dense") return NodeKind::Dense;
    if (kind == "activation") return NodeKind::Activation;
    if (kind == "dropout") return NodeKind::Dropout;
    if (kind == "rnn") return NodeKind::Rnn;
    if (kind == "gru") return NodeKind::Gru;
    if (kind == "lstm") return NodeKind::Lstm;
    if (kind == "batchnorm") return NodeKind::BatchNorm;
    if (kind == "layernorm") return NodeKind::LayerNorm;
    if (kind == "add") return NodeKind::Add;
    if (kind == "concat") return NodeKind::Concat;
    if (kind == "columns") return NodeKind::Columns;
    if (kind == "embedding") return NodeKind::Embedding;
    return std::nullopt;
}
} // namespace

CanvasView::CanvasView(NetworkScene* scene, QWidget* parent) : QGraphicsView(scene, parent), m_scene(scene) {
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag); // background drags pan; items still take clicks
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("The network. Wheel: zoom · drag background: pan · drag a layer: move it · drag from a right dot onto a layer: connect · Delete: remove"));
}

void CanvasView::zoomBy(qreal factor) {
    const qreal next = std::clamp(zoom() * factor, kMinZoom, 4.0);
    const qreal f = next / zoom();
    scale(f, f);
}

void CanvasView::fitAll(bool readable) {
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.0) {
        setTransform(QTransform());
    } else if (readable && zoom() < kReadableZoom) {
        // A network too wide to read whole (a graph of many blocks), on opening: readable cards
        // from the input on, the rest a pan away (the tour found 4-pixel text at a third of the
        // size). The top stays in view when it is too tall as well.
        setTransform(QTransform::fromScale(kReadableZoom, kReadableZoom));
        const QRectF r = scene()->sceneRect();
        const qreal halfW = viewport()->width() / (2 * kReadableZoom), halfH = viewport()->height() / (2 * kReadableZoom);
        centerOn(r.left() + halfW, r.height() > 2 * halfH ? r.top() + halfH : r.center().y());
    } else if (zoom() < kMinZoom) {
        setTransform(QTransform::fromScale(kMinZoom, kMinZoom));
    }
}

void CanvasView::wheelEvent(QWheelEvent* event) {
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps != 0) zoomBy(std::pow(1.15, steps));
    event->accept();
}

void CanvasView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        m_scene->removeSelected();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::dragEnterEvent(QDragEnterEvent* event) {
    if (kindFromMime(event->mimeData())) event->acceptProposedAction();
    else QGraphicsView::dragEnterEvent(event);
}

void CanvasView::dragMoveEvent(QDragMoveEvent* event) {
    if (kindFromMime(event->mimeData())) event->acceptProposedAction();
    else QGraphicsView::dragMoveEvent(event);
}

void CanvasView::dropEvent(QDropEvent* event) {
    if (const auto kind = kindFromMime(event->mimeData())) {
        m_scene->dropNewLayer(*kind, mapToScene(event->position().toPoint()).x());
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dropEvent(event);
}

} // namespace layerlab::widgets::canvas
