#!/usr/bin/env python3
"""Writes search.json (50 issues, as POST /rest/api/3/search/jql answers) and
myself.json into the folder given, shaped as Jira's OpenAPI describes them."""
import json
import sys

folder = sys.argv[1]
issues = []
for number in range(1, 51):
    issues.append({
        "id": str(10000 + number),
        "key": f"BENCH-{number}",
        "self": f"https://bench.atlassian.net/rest/api/3/issue/{10000 + number}",
        "fields": {
            "summary": f"Benchmark issue {number}: the quick brown fox jumps over the lazy dog",
            "status": {"name": "In Progress", "id": "3", "statusCategory": {"key": "indeterminate", "name": "In Progress"}},
            "issuetype": {"name": "Task", "id": "10001", "subtask": False},
            "creator": {"accountId": f"5b10a2844c20165700ede2{number:02d}", "displayName": "Bench Author", "active": True},
            "reporter": {"accountId": f"5b10a2844c20165700ede2{number:02d}", "displayName": "Bench Author", "active": True},
            "created": "2026-01-01T10:00:00.000+0000",
            "updated": f"2026-11-{1 + number % 28:02d}T10:{number:02d}:00.000+0000",
            "project": {"key": "BENCH", "id": "10000", "name": "Benchmark"},
        },
    })
with open(f"{folder}/search.json", "w") as out:
    json.dump({"issues": issues, "isLast": True}, out)
with open(f"{folder}/myself.json", "w") as out:
    json.dump({"accountId": "5b10a2844c20165700ede21g", "displayName": "Bench User", "emailAddress": "bench@example.com",
               "active": True, "timeZone": "UTC", "accountType": "atlassian"}, out)
