"""The command line builds only the parser of the command it runs; that must not change what
any command accepts or how its help reads."""

import pytest

from codetui import cli


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_one_commands_parser_reads_as_the_full_one(command):
    full = cli._parser()._subparsers._group_actions[0].choices[command]
    alone = cli._parser(command)._subparsers._group_actions[0].choices
    assert list(alone) == [command]
    assert alone[command].format_help() == full.format_help()


def test_program_help_before_a_command_lists_every_command(capsys):
    assert cli.main(["-h", "search"]) == 0
    shown = capsys.readouterr().out
    assert all(command in shown for command in cli.COMMANDS)


def test_a_command_not_given_before_a_code_still_fails_as_usage(capsys):
    assert cli.main(["I21.9", "nonsense"]) == 2
    assert "invalid choice" in capsys.readouterr().err
