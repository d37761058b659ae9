"""Accounts, for admins: GET /users lists them; POST /users adds one; POST /users/{name}/role,
/users/{name}/revoke (end every session) and /users/{name}/remove change one. Each write answers with a
redirect back to /users and a one-line message."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from duikou.services import users
from duikou.web.deps import User, engine, flash, render, require_role, require_writer
from duikou.web.labels import label

router = APIRouter()
ADMIN = users.ROLES[-1]


def _back(message: str) -> Response:
    return flash(RedirectResponse("/users", status_code=303), message)


@router.get("/users", include_in_schema=False, response_class=HTMLResponse)
def user_list(request: Request, admin: User = Depends(require_role(ADMIN))) -> HTMLResponse:
    """Every account, its role and live sessions, with the forms that change them."""
    return render(request, "users.html", {"accounts": users.list_users(engine(request)), "roles": users.ROLES,
                                          "min_password": users.MIN_PASSWORD})


@router.post("/users", include_in_schema=False)
def add(request: Request, name: str = Form(...), password: str = Form(...), role: str = Form(...),
        admin: User = Depends(require_writer(ADMIN))) -> Response:
    """A new account (a bad name, role or password: the error page says which)."""
    made = users.add_user(engine(request), name, password, role)
    return _back(f"已添加用户 {made.name}（{label('user_role', made.role)}）。")


@router.post("/users/{name}/role", include_in_schema=False)
def set_role(request: Request, name: str, role: str = Form(...),
             admin: User = Depends(require_writer(ADMIN))) -> Response:
    """Give an account another role."""
    changed = users.set_role(engine(request), name, role)
    return _back(f"{changed.name} 的角色已改为{label('user_role', changed.role)}。")


@router.post("/users/{name}/revoke", include_in_schema=False)
def revoke(request: Request, name: str, admin: User = Depends(require_writer(ADMIN))) -> Response:
    """End every session of an account (they must sign in again)."""
    eng = engine(request)
    n = users.revoke_sessions(eng, users.get_user(eng, name).id)
    return _back(f"已结束 {name} 的 {n} 个会话。")


@router.post("/users/{name}/remove", include_in_schema=False)
def remove(request: Request, name: str, admin: User = Depends(require_writer(ADMIN))) -> Response:
    """Delete an account and its sessions."""
    users.remove_user(engine(request), name)
    return _back(f"已删除用户 {name}。")
