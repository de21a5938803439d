#include "frontend/shell/env.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::shell {
namespace {

TEST(Env, FromListSplitsAtFirstEqualsAndLaterWins) {
  const Env env =
      Env::FromList({"foo=bar", "car=hat", "car=bike", "eq=a=b", "bare"});
  EXPECT_EQ(env.Lookup("foo"), "bar");
  EXPECT_EQ(env.Lookup("car"), "bike");
  EXPECT_EQ(env.Lookup("eq"), "a=b");
  EXPECT_EQ(env.Lookup("bare"), "");
  EXPECT_EQ(env.Lookup("missing"), std::nullopt);
}

TEST(Env, NamesAreCaseSensitive) {
  const Env env = Env::FromList({"PWD=/home"});
  EXPECT_EQ(env.Lookup("pwd"), std::nullopt);
}

TEST(Env, EmptyValueIsSet) {
  Env env;
  env.Set("NULL", "");
  EXPECT_EQ(env.Lookup("NULL"), "");
}

TEST(Env, FunctionBackedAndShadowedBySet) {
  Env env = Env::FromFunction([](std::string_view name) {
    return name == "A" ? std::optional<std::string>("fn")
                       : std::optional<std::string>();
  });
  EXPECT_EQ(env.Lookup("A"), "fn");
  EXPECT_EQ(env.Lookup("B"), std::nullopt);
  env.Set("A", "set");
  EXPECT_EQ(env.Lookup("A"), "set");
}

}  // namespace
}  // namespace mybuild::frontend::shell
