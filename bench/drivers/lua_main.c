/* A minimal stand-alone Lua interpreter (lua-src ships the library without
 * lua.c): runs SCRIPT with the global `arg` set as lua.c would.
 * Usage: lua SCRIPT [ARGS...] */
#include <stdio.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCRIPT [ARGS...]\n", argv[0]);
        return 2;
    }
    lua_State *L = luaL_newstate();
    if (!L) return 3;
    luaL_openlibs(L);
    lua_createtable(L, argc, 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - 1); /* arg[0] = script, arg[1..] = its arguments */
    }
    lua_setglobal(L, "arg");
    int status = luaL_dofile(L, argv[1]);
    if (status != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
    }
    lua_close(L);
    fflush(stdout);
    return status == LUA_OK ? 0 : 1;
}
