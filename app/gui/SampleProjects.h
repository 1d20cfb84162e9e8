// Finds the sample projects (the origin cases) shipped in samples/: next to the executable when
// installed, else in the source tree it was built from.
#pragma once

#include "panels/WelcomeView.h"

namespace layerlab::app {

class SampleProjects {
public:
    static QString folder();
    static QList<widgets::panels::WelcomeView::Entry> find();
};

} // namespace layerlab::app
