#include "ConnectionItem.h"

#include "LayerItem.h"
#include "style/Theme.h"

#include <QPainter>

namespace layerlab::widgets::canvas {

ConnectionItem::ConnectionItem(LayerItem* from, LayerItem* to) : m_from(from), m_to(to) {
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
    refresh();
}

void ConnectionItem::refresh() {
    prepareGeometryChange();
    m_bounds = m_from->sceneBoundingRect().united(m_to->sceneBoundingRect());
}

QRectF ConnectionItem::boundingRect() const { return m_bounds; }

void ConnectionItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const auto& theme = style::Theme::instance();
    p->setRenderHint(QPainter::Antialiasing);
    QColor c = theme.color(QStringLiteral("connection"));
    const int a = m_from->drawnNeurons(), b = m_to->drawnNeurons();
    const bool dense = a * b > 40;
    c.setAlphaF(dense ? 0.45f : 0.8f);
    p->setPen(QPen(c, dense ? 0.8 : 1.2));
    const qreal half = LayerItem::kWidth / 2;
    const int na = std::max(1, a), nb = std::max(1, b);
    for (int i = 0; i < na; ++i) {
        const QPointF s = m_from->mapToScene(m_from->neuronPos(i) + QPointF(a ? 10 : half, 0));
        for (int j = 0; j < nb; ++j) p->drawLine(s, m_to->mapToScene(m_to->neuronPos(j) - QPointF(b ? 10 : half, 0)));
    }
}

} // namespace layerlab::widgets::canvas
