"""unsanitized_binary: a cc_binary built without the sanitizer flags of
--config=asan/ubsan, for static binaries that run inside test roots (ASan
cannot link -static, and such roots have no libc to load it from)."""

def _strip(flags):
    return [f for f in flags if not f.startswith("-fsanitize") and
            not f.startswith("-fno-sanitize")]

def _unsanitized_impl(settings, attr):
    return {
        "//command_line_option:copt": _strip(settings["//command_line_option:copt"]),
        "//command_line_option:linkopt": _strip(settings["//command_line_option:linkopt"]),
    }

_unsanitized = transition(
    implementation = _unsanitized_impl,
    inputs = ["//command_line_option:copt", "//command_line_option:linkopt"],
    outputs = ["//command_line_option:copt", "//command_line_option:linkopt"],
)

def _impl(ctx):
    binary = ctx.attr.binary[0][DefaultInfo].files_to_run.executable
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = binary, is_executable = True)
    return [DefaultInfo(executable = out, files = depset([out]))]

unsanitized_binary = rule(
    implementation = _impl,
    attrs = {
        "binary": attr.label(cfg = _unsanitized, executable = True, mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    executable = True,
)
