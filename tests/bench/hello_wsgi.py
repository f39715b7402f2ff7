"""A bare Flask app that answers "hello": the yardstick of tests/bench/bench_throughput.py."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
