#include "Glyphs.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace layerlab::widgets::style {

namespace {

// The glyph on a 16 x 16 grid.
QPainterPath path(Glyph glyph) {
    QPainterPath p;
    switch (glyph) {
    case Glyph::Play:
        p.moveTo(4, 2.5);
        p.lineTo(13.5, 8);
        p.lineTo(4, 13.5);
        p.closeSubpath();
        return p;
    case Glyph::Pause:
        p.addRect(3.5, 2.5, 3, 11);
        p.addRect(9.5, 2.5, 3, 11);
        return p;
    case Glyph::Step:
        p.moveTo(2.5, 2.5);
        p.lineTo(10, 8);
        p.lineTo(2.5, 13.5);
        p.closeSubpath();
        p.addRect(11, 2.5, 2.5, 11);
        return p;
    case Glyph::Stop:
        p.addRect(3, 3, 10, 10);
        return p;
    case Glyph::Reset: {
        // An open circle with an arrow head: "back to the start".
        QPainterPath ring;
        ring.arcMoveTo(2.5, 2.5, 11, 11, 60);
        ring.arcTo(2.5, 2.5, 11, 11, 60, 270);
        QPainterPathStroker stroker;
        stroker.setWidth(2.0);
        stroker.setCapStyle(Qt::FlatCap);
        p = stroker.createStroke(ring);
        p.moveTo(9.2, 0.8);
        p.lineTo(13.8, 3.6);
        p.lineTo(9.4, 6.6);
        p.closeSubpath();
        return p;
    }
    }
    return p;
}

} // namespace

QIcon glyphIcon(Glyph glyph, const QColor& color, const QColor& disabled) {
    QIcon icon;
    const QPainterPath shape = path(glyph);
    QColor faded = disabled;
    faded.setAlphaF(0.6f);
    for (const int size : {16, 32})
        for (const auto& [mode, fill] : {std::pair{QIcon::Normal, color}, std::pair{QIcon::Disabled, faded}}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(size / 16.0, size / 16.0);
            painter.fillPath(shape, fill);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    return icon;
}

} // namespace layerlab::widgets::style
