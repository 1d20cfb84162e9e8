// The connection from one layer to a layer that reads it, drawn neuron to neuron (anchor points
// for collapsed layers). Holds the two items it joins and follows them while one is dragged.
// It can be selected (a click near the line from port to port) so Delete removes it.
#pragma once

#include <QColor>
#include <QGraphicsItem>

#include <vector>

namespace layerlab::widgets::canvas {

class LayerItem;

class ConnectionItem : public QGraphicsItem {
public:
    ConnectionItem(LayerItem* from, LayerItem* to);
    /// Call when an end moved.
    void refresh();
    /// Colours each drawn line by its weight's sign and widens it with |w| ([from units × to
    /// units], row-major); empty = plain lines. Ignored unless both ends draw every neuron.
    void setWeights(std::vector<float> weights, QColor positive, QColor negative);
    /// Neuron i feeds neuron i + offset only (an activation, an add, a norm; a concatenation's
    /// part at its offset): drawn one to one, not all to all.
    void setElementwise(int offset) {
        m_elementwise = true;
        m_offset = offset;
        update();
    }
    LayerItem* from() const { return m_from; }
    LayerItem* to() const { return m_to; }
    QRectF boundingRect() const override;
    /// The band along the line from the output port to the input port: what a click selects.
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    LayerItem* m_from;
    LayerItem* m_to;
    QRectF m_bounds;
    std::vector<float> m_weights;
    float m_maxWeight = 1.0f;
    QColor m_positive, m_negative;
    bool m_elementwise = false;
    int m_offset = 0;
};

} // namespace layerlab::widgets::canvas
