"""Quizzes for study sessions: generated from the documents' own rules, and banks written by admins.

Nothing here knows Telegram: `generate` turns passages into `Quiz` values, `bank` reads `*.quiz.yaml`
files and, through `sheet`, banks written as documents (`*.quiz.docx`…), `book` picks the next quiz
for a chat. Telegram limits (question ≤ 300, option ≤ 100,
explanation ≤ 200 characters with at most two line feeds) are checked by `Quiz.problems`.
"""

from bot.quiz.model import Quiz

__all__ = ["Quiz"]
