/* A minimal Lua host for the umsan ci test on Lua 5.4 (driver/tests/ci.rs):
 * runs the script named by argv[1]. It reads the script with read(2)
 * through a lua_Reader rather than with luaL_dofile (stdio).  */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

struct source { int fd; char buf[4096]; };

static const char *read_chunk(lua_State *L, void *data, size_t *size) {
  struct source *src = data;
  ssize_t n = read(src->fd, src->buf, sizeof src->buf);
  (void)L;
  *size = n > 0 ? (size_t)n : 0;
  return n > 0 ? src->buf : NULL;
}

int main(int argc, char **argv) {
  static struct source src;
  lua_State *L;
  int status;
  if (argc < 2) {
    fprintf(stderr, "usage: %s SCRIPT\n", argv[0]);
    return 2;
  }
  src.fd = open(argv[1], O_RDONLY);
  if (src.fd < 0) {
    perror(argv[1]);
    return 2;
  }
  L = luaL_newstate();
  if (L == NULL) return 2;
  luaL_openlibs(L);
  status = lua_load(L, read_chunk, &src, argv[1], "t");
  if (status == LUA_OK) status = lua_pcall(L, 0, 0, 0);
  if (status != LUA_OK) fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
  lua_close(L);
  close(src.fd);
  return status == LUA_OK ? 0 : 1;
}
