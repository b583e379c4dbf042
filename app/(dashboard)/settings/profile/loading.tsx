export { SettingsSkeleton as default } from "@/app/(dashboard)/settings/_components/settings-skeleton";
