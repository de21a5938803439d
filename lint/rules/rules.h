// Every rule of `mybuild lint`, one accessor per rule file (generated
// by gen/gen.py). The catalogue (lint/catalogue.cc) lists them all.
#pragma once

#include "lint/rule.h"

namespace mybuild::lint::rules {

const Rule& Dl1001();
const Rule& Dl3000();
const Rule& Dl3001();
const Rule& Dl3002();
const Rule& Dl3003();
const Rule& Dl3004();
const Rule& Dl3006();
const Rule& Dl3007();
const Rule& Dl3008();
const Rule& Dl3009();
const Rule& Dl3010();
const Rule& Dl3011();
const Rule& Dl3012();
const Rule& Dl3013();
const Rule& Dl3014();
const Rule& Dl3015();
const Rule& Dl3016();
const Rule& Dl3018();
const Rule& Dl3019();
const Rule& Dl3020();
const Rule& Dl3021();
const Rule& Dl3022();
const Rule& Dl3023();
const Rule& Dl3024();
const Rule& Dl3025();
const Rule& Dl3026();
const Rule& Dl3027();
const Rule& Dl3028();
const Rule& Dl3029();
const Rule& Dl3030();
const Rule& Dl3032();
const Rule& Dl3033();
const Rule& Dl3034();
const Rule& Dl3035();
const Rule& Dl3036();
const Rule& Dl3037();
const Rule& Dl3038();
const Rule& Dl3040();
const Rule& Dl3041();
const Rule& Dl3042();
const Rule& Dl3043();
const Rule& Dl3044();
const Rule& Dl3045();
const Rule& Dl3046();
const Rule& Dl3047();
const Rule& Dl3048();
const Rule& Dl3049();
const Rule& Dl3050();
const Rule& Dl3051();
const Rule& Dl3052();
const Rule& Dl3053();
const Rule& Dl3054();
const Rule& Dl3055();
const Rule& Dl3056();
const Rule& Dl3058();
const Rule& Dl3057();
const Rule& Dl3059();
const Rule& Dl3060();
const Rule& Dl3061();
const Rule& Dl3062();
const Rule& Dl3063();
const Rule& Dl3064();
const Rule& Dl3065();
const Rule& Dl3066();
const Rule& Dl3067();
const Rule& Dl4000();
const Rule& Dl4001();
const Rule& Dl4003();
const Rule& Dl4004();
const Rule& Dl4005();
const Rule& Dl4006();
const Rule& ConsistentInstructionCasing();
const Rule& FromAsCasing();
const Rule& NoEmptyContinuation();
const Rule& WorkdirRelativePath();
const Rule& InvalidDefaultArgInFrom();
const Rule& UndefinedArgInFrom();
const Rule& StageNameCasing();
const Rule& ReservedStageName();
const Rule& LegacyKeyValueFormat();
const Rule& FromPlatformFlagConstDisallowed();
const Rule& UndefinedVar();
const Rule& CopyIgnoredFile();

}  // namespace mybuild::lint::rules
