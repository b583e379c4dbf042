-- CreateEnum
CREATE TYPE "Role" AS ENUM ('user', 'admin');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "role" "Role" NOT NULL DEFAULT 'user';

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_id_idx" ON "ApiKey"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_lastUsedAt_id_idx" ON "ApiKey"("lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");
