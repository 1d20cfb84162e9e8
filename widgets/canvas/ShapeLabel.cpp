#include "ShapeLabel.h"

#include "GraphDrawing.h"
#include "LayerItem.h"
#include "style/Theme.h"

#include <QFont>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>

#include <algorithm>

namespace layerlab::widgets::canvas {

QGraphicsSimpleTextItem* ShapeLabel::add(QGraphicsScene& scene, const LayerItem* from, const LayerItem* to,
                                         const engine::nn::Shape& shape, bool oneRow) {
    auto* label = scene.addSimpleText(GraphDrawing::shapeText(shape));
    label->setBrush(style::Theme::instance().color(QStringLiteral("text")));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    label->setFont(font);
    label->setData(0, QStringLiteral("shape"));
    const QPointF a = from->mapToScene(from->outPort()), b = to->mapToScene(to->inPort());
    const QRectF box = label->boundingRect();
    const QPointF mid = a.y() == b.y() || oneRow ? QPointF((a.x() + b.x()) / 2, std::min(from->pos().y(), to->pos().y()) - box.height() - 2)
                                                 : (a + b) / 2 - QPointF(0, box.height());
    label->setPos(mid.x() - box.width() / 2, mid.y());
    label->setZValue(2);
    return label;
}

} // namespace layerlab::widgets::canvas
