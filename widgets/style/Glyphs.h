// Toolbar icons drawn in the theme's text colour. The style's standard media icons are dark
// glyphs: on the dark theme the Train button had no visible icon (issue 19, point 9). Drawn as
// vector paths, so they are sharp at any device pixel ratio.
// Threading: GUI thread (reads nothing shared; QPixmap needs the GUI thread).
#pragma once

#include <QColor>
#include <QIcon>

namespace layerlab::widgets::style {

enum class Glyph { Play, Pause, Step, Stop, Reset };

/// `glyph` in `color`, rendered at 16 and 32 px; in `disabled` when its action is disabled (the
/// style's own dimming left a light glyph bright on the dark theme).
QIcon glyphIcon(Glyph glyph, const QColor& color, const QColor& disabled);

} // namespace layerlab::widgets::style
