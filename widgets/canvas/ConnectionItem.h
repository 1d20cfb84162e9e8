// The connections between two neighbouring layers, drawn neuron to neuron (anchor points for
// collapsed layers). Holds the two items it joins and follows them while one is dragged.
#pragma once

#include <QGraphicsItem>

namespace layerlab::widgets::canvas {

class LayerItem;

class ConnectionItem : public QGraphicsItem {
public:
    ConnectionItem(LayerItem* from, LayerItem* to);
    /// Call when an end moved.
    void refresh();
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    LayerItem* m_from;
    LayerItem* m_to;
    QRectF m_bounds;
};

} // namespace layerlab::widgets::canvas
