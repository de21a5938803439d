#include "executor/user_lookup.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <sstream>

namespace mybuild::executor {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(part);
  if (!s.empty() && s.back() == sep) out.push_back("");
  return out;
}

bool ParseId(const std::string& s, uint32_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Lines of a passwd/group file split into fields; comments and short lines
// skipped.
std::vector<std::vector<std::string>> Entries(const std::string& file,
                                              size_t min_fields) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, ':');
    if (f.size() >= min_fields) out.push_back(std::move(f));
  }
  return out;
}

Status ResolveGroup(const std::string& spec, const std::string& group,
                    ResolvedUser* u) {
  if (ParseId(spec, &u->gid)) return Status::Ok();
  for (const auto& g : Entries(group, 3)) {
    if (g[0] == spec && ParseId(g[2], &u->gid)) return Status::Ok();
  }
  return NotFound("unable to find group " + spec +
                  ": no matching entries in group file");
}

// BuildKit's parseUID: "root", or strconv.ParseInt(s, 10, 32).
bool ChownId(const std::string& s, uint32_t* out) {
  if (s == "root") return (*out = 0, true);
  int64_t v = 0;
  const char* begin = s.data() + (!s.empty() && s[0] == '+');
  auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || begin == p) return false;
  if (v < INT32_MIN || v > INT32_MAX) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

}  // namespace

ResolvedUser ResolveChown(const std::string& chown, const std::string& passwd,
                          const std::string& group) {
  ResolvedUser u;
  const size_t colon = chown.find(':');
  const std::string name = chown.substr(0, colon);
  if (ChownId(name, &u.uid)) {
    u.gid = u.uid;
  } else {
    for (const auto& p : Entries(passwd, 7)) {
      uint32_t uid = 0, gid = 0;
      if (p[0] == name && ParseId(p[2], &uid) && ParseId(p[3], &gid)) {
        u.uid = uid;
        u.gid = gid;
        break;
      }
    }
  }
  if (colon == std::string::npos) return u;
  const std::string spec = chown.substr(colon + 1);
  if (ChownId(spec, &u.gid)) return u;
  for (const auto& g : Entries(group, 3)) {
    uint32_t gid = 0;
    if (g[0] == spec && ParseId(g[2], &gid)) return (u.gid = gid, u);
  }
  return u;
}

Expected<ResolvedUser> ResolveUser(const std::string& user,
                                   const std::string& passwd,
                                   const std::string& group) {
  ResolvedUser u;
  const size_t colon = user.find(':');
  const std::string name =
      colon == 0 || user.empty() ? std::string("0") : user.substr(0, colon);
  const std::string group_spec =
      colon == std::string::npos ? std::string() : user.substr(colon + 1);
  bool numeric = ParseId(name, &u.uid);
  bool found = false;
  std::string login;
  for (const auto& p : Entries(passwd, 7)) {
    uint32_t uid = 0;
    if (!ParseId(p[2], &uid)) continue;
    if ((numeric && uid == u.uid) || (!numeric && p[0] == name)) {
      u.uid = uid;
      ParseId(p[3], &u.gid);
      u.home = p[5].empty() ? "/" : p[5];
      login = p[0];
      found = true;
      break;
    }
  }
  if (!found && !numeric) {
    return NotFound("unable to find user " + name +
                    ": no matching entries in passwd file");
  }
  if (!group_spec.empty()) {
    RETURN_IF_ERROR(ResolveGroup(group_spec, group, &u));
    return u;  // an explicit group replaces the supplementary list
  }
  u.supplementary_gids.push_back(u.gid);
  for (const auto& g : Entries(group, 4)) {
    uint32_t gid = 0;
    if (login.empty() || !ParseId(g[2], &gid)) continue;
    std::vector<std::string> members = Split(g[3], ',');
    if (std::find(members.begin(), members.end(), login) != members.end() &&
        std::find(u.supplementary_gids.begin(), u.supplementary_gids.end(),
                  gid) == u.supplementary_gids.end()) {
      u.supplementary_gids.push_back(gid);
    }
  }
  return u;
}

}  // namespace mybuild::executor
