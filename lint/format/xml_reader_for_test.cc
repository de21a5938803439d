#include "lint/format/xml_reader_for_test.h"

#include <cctype>

namespace mybuild::lint::format::testing {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  Expected<XmlElement> Document() {
    SkipSpace();
    if (s_.substr(i_, 5) == "<?xml") {
      size_t end = s_.find("?>", i_);
      if (end == std::string_view::npos) return Fail("unterminated prolog");
      i_ = end + 2;
    }
    SkipSpace();
    XmlElement root;
    RETURN_IF_ERROR(Element(&root));
    SkipSpace();
    if (i_ != s_.size()) return Fail("content after the root element");
    return root;
  }

 private:
  Status Fail(const std::string& m) const {
    return InvalidArgument("xml offset " + std::to_string(i_) + ": " + m);
  }
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_])))
      ++i_;
  }
  std::string Name() {
    size_t start = i_;
    while (i_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
            s_[i_] == '_' || s_[i_] == ':' || s_[i_] == '.'))
      ++i_;
    return std::string(s_.substr(start, i_ - start));
  }
  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  Status Entity(std::string* out) {
    size_t semi = s_.find(';', i_);
    if (semi == std::string_view::npos) return Fail("unterminated entity");
    std::string_view e = s_.substr(i_ + 1, semi - i_ - 1);
    static const std::map<std::string_view, char> kNamed = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"apos", '\''}, {"quot", '"'}};
    if (auto it = kNamed.find(e); it != kNamed.end()) {
      *out += it->second;
    } else if (e.size() > 1 && e[0] == '#' &&
               e.find_first_not_of("0123456789", 1) == std::string_view::npos) {
      AppendUtf8(std::stoul(std::string(e.substr(1))), out);
    } else {
      return Fail("unknown entity &" + std::string(e) + ";");
    }
    i_ = semi + 1;
    return Status::Ok();
  }
  Status Attribute(XmlElement* el) {
    std::string name = Name();
    if (name.empty()) return Fail("expected an attribute name");
    SkipSpace();
    if (i_ >= s_.size() || s_[i_] != '=') return Fail("expected =");
    ++i_;
    SkipSpace();
    if (i_ >= s_.size() || (s_[i_] != '\'' && s_[i_] != '"'))
      return Fail("expected a quote");
    char q = s_[i_++];
    std::string value;
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '<') return Fail("raw < in an attribute");
      if (s_[i_] == '&') {
        RETURN_IF_ERROR(Entity(&value));
      } else {
        value += s_[i_++];
      }
    }
    if (i_ >= s_.size()) return Fail("unterminated attribute");
    ++i_;
    if (el->attrs.count(name)) return Fail("duplicate attribute " + name);
    el->attrs[name] = value;
    return Status::Ok();
  }
  Status Element(XmlElement* el) {
    if (i_ >= s_.size() || s_[i_] != '<') return Fail("expected <");
    ++i_;
    el->name = Name();
    if (el->name.empty()) return Fail("expected an element name");
    while (true) {
      size_t before = i_;
      SkipSpace();
      if (i_ >= s_.size()) return Fail("unterminated tag");
      if (s_.substr(i_, 2) == "/>") {
        i_ += 2;
        return Status::Ok();
      }
      if (s_[i_] == '>') {
        ++i_;
        break;
      }
      if (i_ == before) return Fail("expected a space before an attribute");
      RETURN_IF_ERROR(Attribute(el));
    }
    return Content(el);
  }
  Status Content(XmlElement* el) {
    while (i_ < s_.size()) {
      if (s_.substr(i_, 2) == "</") {
        i_ += 2;
        if (Name() != el->name) return Fail("mismatched end tag");
        SkipSpace();
        if (i_ >= s_.size() || s_[i_] != '>') return Fail("expected >");
        ++i_;
        return Status::Ok();
      }
      if (s_[i_] == '<') {
        el->children.emplace_back();
        RETURN_IF_ERROR(Element(&el->children.back()));
      } else if (s_[i_] == '&') {
        RETURN_IF_ERROR(Entity(&el->text));
      } else {
        el->text += s_[i_++];
      }
    }
    return Fail("unterminated element " + el->name);
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

Expected<XmlElement> ParseXml(std::string_view doc) {
  return Reader(doc).Document();
}

}  // namespace mybuild::lint::format::testing
