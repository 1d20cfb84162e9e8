#include "GraphText.h"

#include "core/Error.h"

#include <cctype>
#include <charconv>
#include <map>

namespace layerlab::engine::nn {
namespace {

struct Token {
    std::string text;
    std::size_t at = 0; // offset in the whole text
    std::vector<std::string> columns; // input[a,b]: the column group (text is "input")
    bool group = false;
};

// One statement being read: its text and where it starts, for messages.
class Statement {
public:
    Statement(std::string_view all, std::size_t begin, std::size_t end, int number)
        : m_all(all), m_begin(begin), m_end(end), m_number(number), m_pos(begin) {}

    [[noreturn]] void fail(std::size_t at, const std::string& why) const {
        std::string text(m_all.substr(m_begin, m_end - m_begin));
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
        throw SpecError("statement " + std::to_string(m_number) + " (\"" + text + "\"), character " + std::to_string(at + 1) + ": " + why);
    }
    void skipSpace() {
        while (m_pos < m_end && std::isspace(static_cast<unsigned char>(m_all[m_pos]))) ++m_pos;
    }
    bool atEnd() {
        skipSpace();
        return m_pos >= m_end;
    }
    std::size_t pos() const { return m_pos; }
    bool accept(char c) {
        skipSpace();
        if (m_pos < m_end && m_all[m_pos] == c) return ++m_pos, true;
        return false;
    }
    void expect(char c, const char* what) {
        if (!accept(c)) fail(m_pos, std::string("expected '") + c + "' " + what);
    }
    /// A name or a number: letters, digits, '_', '.', '-', '+'.
    Token word(const char* what) {
        skipSpace();
        Token t{{}, m_pos};
        while (m_pos < m_end) {
            const char c = m_all[m_pos];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+')) break;
            t.text += c;
            ++m_pos;
        }
        if (t.text.empty()) fail(m_pos, std::string("expected ") + what);
        return t;
    }
    /// A parenthesized, comma-separated list of words (the '(' already read); `input[a,"b c"]`
    /// is one item, a group of input columns.
    std::vector<Token> list(const char* what) {
        std::vector<Token> items;
        if (accept(')')) return items;
        do {
            Token t = word(what);
            if (t.text == "input" && accept('[')) {
                t.group = true;
                do t.columns.push_back(column());
                while (accept(','));
                expect(']', "to close the column group");
            }
            items.push_back(std::move(t));
        } while (accept(','));
        expect(')', "to close the list");
        return items;
    }
    /// A column name in input[...]: a word, or "quoted" (for names with spaces or commas).
    std::string column() {
        skipSpace();
        if (m_pos < m_end && m_all[m_pos] == '"') {
            const std::size_t close = m_all.find('"', m_pos + 1);
            if (close == std::string_view::npos || close >= m_end) fail(m_pos, "a quoted column name is never closed");
            std::string name(m_all.substr(m_pos + 1, close - m_pos - 1));
            m_pos = close + 1;
            return name;
        }
        return word("a column name").text;
    }

private:
    std::string_view m_all;
    std::size_t m_begin, m_end;
    int m_number;
    std::size_t m_pos;
};

bool validName(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (const char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

int integer(const Statement& st, const Token& t, const char* what, int lo, int hi) {
    int v = 0;
    const auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || end != t.text.data() + t.text.size() || v < lo || v > hi)
        st.fail(t.at, "\"" + t.text + "\" is not " + what + " (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
    return v;
}

} // namespace

NetworkSpec parseGraph(std::string_view text) {
    NetworkSpec spec;
    std::map<std::string, int> ids; // statement name -> id of the layer holding its output
    int nextId = 1;
    int previous = LayerSpec::kInput;
    int number = 0;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(';', begin);
        if (end == std::string_view::npos) end = text.size();
        Statement st(text, begin, end, number + 1);
        const std::size_t next = end + 1;
        if (st.atEnd()) { // an empty statement (a trailing ';')
            begin = next;
            continue;
        }
        ++number;
        const Token name = st.word("a name (NAME=OP(...))");
        if (!validName(name.text)) st.fail(name.at, "\"" + name.text + "\" is not a name (letters, digits and _, not first a digit)");
        if (name.text == "input") st.fail(name.at, "\"input\" is the input row; give the statement another name");
        if (ids.count(name.text)) st.fail(name.at, "\"" + name.text + "\" is already defined by an earlier statement");
        st.expect('=', "after the name");
        const Token op = st.word("an operation (dense, add, ...)");
        st.expect('(', "after the operation");
        const std::vector<Token> params = st.list("a parameter");
        std::vector<Token> inputs;
        const bool merge = op.text == "add" || op.text == "concat";
        // Ops without parameters (merges, the norms) may name their inputs as their parameters:
        // add(h1,h2), layernorm(s).
        const bool bare = merge || op.text == "batchnorm" || op.text == "layernorm";
        const bool inputList = st.accept('(');
        if (inputList) inputs = st.list("an input name");
        if (bare && inputList && !params.empty())
            st.fail(params[0].at, op.text + " takes its inputs once: " + op.text + "(a,b) or " + op.text + "()(a,b)");
        std::vector<Token> ownParams = params;
        if (bare && !inputList) inputs = params, ownParams.clear();
        if (!st.atEnd()) st.fail(st.pos(), "unexpected text after the statement (separate statements with ';')");
        std::vector<int> from;
        for (const Token& in : inputs) {
            if (in.group) { // one select layer per distinct group, ahead of its first reader
                std::string key = "input[";
                for (std::size_t k = 0; k < in.columns.size(); ++k) key += (k ? "," : "") + in.columns[k];
                key += "]";
                if (!ids.count(key)) {
                    LayerSpec sel = LayerSpec::of(LayerType::Select, {LayerSpec::kInput});
                    sel.select = in.columns;
                    sel.id = nextId++;
                    spec.layers.push_back(sel);
                    ids[key] = sel.id;
                }
                from.push_back(ids[key]);
            } else if (in.text == "input") from.push_back(LayerSpec::kInput);
            else if (const auto it = ids.find(in.text); it != ids.end()) from.push_back(it->second);
            else st.fail(in.at, "unknown input \"" + in.text + "\" (name an earlier statement, or input)");
        }
        if (from.empty()) from.push_back(previous);
        const auto requireParams = [&](std::size_t lo, std::size_t hi, const std::string& form) {
            if (ownParams.size() < lo || ownParams.size() > hi) st.fail(op.at, op.text + " takes " + form);
        };
        const auto one = [&]() {
            if (from.size() != 1) st.fail(inputs[1].at, op.text + " reads one input; join several with add or concat first");
        };
        std::vector<LayerSpec> layers;
        if (op.text == "dense") {
            requireParams(1, 2, "(units[,activation])");
            one();
            layers.push_back(LayerSpec::dense(integer(st, params[0], "a number of units", 1, 1 << 20)));
            if (params.size() == 2) {
                const auto a = activationFromName(params[1].text);
                if (!a) st.fail(params[1].at, "unknown activation \"" + params[1].text + "\" (known: " + activationNames() + ")");
                layers.push_back(LayerSpec::act(*a));
            }
        } else if (op.text == "activation") {
            requireParams(1, 1, "(kind)");
            one();
            const auto a = activationFromName(params[0].text);
            if (!a) st.fail(params[0].at, "unknown activation \"" + params[0].text + "\" (known: " + activationNames() + ")");
            layers.push_back(LayerSpec::act(*a));
        } else if (op.text == "dropout") {
            requireParams(1, 1, "(rate)");
            one();
            float rate = -1.0f;
            const auto [e, ec] = std::from_chars(params[0].text.data(), params[0].text.data() + params[0].text.size(), rate);
            if (ec != std::errc() || e != params[0].text.data() + params[0].text.size() || !(rate >= 0.0f && rate < 1.0f))
                st.fail(params[0].at, "\"" + params[0].text + "\" is not a dropout rate in [0, 1)");
            layers.push_back(LayerSpec::dropout(rate));
        } else if (op.text == "batchnorm" || op.text == "layernorm") {
            requireParams(0, 0, "no parameters: " + op.text + "(a) or " + op.text + "()(a)");
            one();
            layers.push_back(LayerSpec::of(op.text == "batchnorm" ? LayerType::BatchNorm : LayerType::LayerNorm));
        } else if (merge) {
            if (inputs.size() < 2) st.fail(op.at, op.text + " joins two or more inputs: " + op.text + "(a,b)");
            layers.push_back(LayerSpec::of(op.text == "add" ? LayerType::Add : LayerType::Concat));
        } else if (op.text == "embedding") {
            requireParams(0, 1, "(dims): embedding(8)(input[team])");
            one();
            LayerSpec e = LayerSpec::embedding({});
            if (!ownParams.empty()) e.units = integer(st, ownParams[0], "a number of dims", 1, 4096);
            layers.push_back(e);
        } else if (const auto cell = cellFromName(op.text)) {
            if (params.empty() || params.size() > 3) st.fail(op.at, op.text + " takes (units[,bi][,seq])");
            one();
            LayerSpec l = LayerSpec::recurrent(*cell, integer(st, params[0], "a number of units", 1, 1 << 16));
            for (std::size_t k = 1; k < params.size(); ++k) {
                if (params[k].text == "bi") l.bidirectional = true;
                else if (params[k].text == "seq") l.sequences = true;
                else st.fail(params[k].at, "unknown option \"" + params[k].text + "\" (use bi or seq)");
            }
            layers.push_back(l);
        } else {
            st.fail(op.at, "unknown operation \"" + op.text +
                               "\" (known: dense, activation, dropout, batchnorm, layernorm, add, concat, embedding, rnn, gru, lstm)");
        }
        // The first layer reads the inputs; a second (dense's activation) reads the first. The
        // statement's name goes to the last: that is the output other statements read.
        for (std::size_t k = 0; k < layers.size(); ++k) {
            layers[k].id = nextId++;
            layers[k].from = k == 0 ? from : std::vector<int>{layers[k - 1].id};
            if (k + 1 == layers.size()) layers[k].name = name.text;
            spec.layers.push_back(layers[k]);
        }
        previous = spec.layers.back().id;
        ids[name.text] = previous;
        begin = next;
    }
    if (number == 0) throw SpecError("statement 1, character 1: the graph is empty (write NAME=OP(...)(INPUTS); ...)");
    LayerSpec output = LayerSpec::dense(0);
    output.id = nextId;
    output.from = {previous};
    spec.layers.push_back(output);
    return spec;
}

} // namespace layerlab::engine::nn
